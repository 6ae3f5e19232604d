// Domain enumerations and their one table of names: a stable key (used in files and
// databases), the Chinese display name (the default UI language) and the English one.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hotline {

enum class Lang : std::uint8_t { Zh, En };

struct EnumName {
  std::string_view key;  // ASCII, lower-case, used in CSV/SQLite/JSON
  std::string_view zh;
  std::string_view en;
};

// Contact channels [DOMAIN "Intake"].
enum class Channel : std::uint8_t { Phone, Web, WeChat, Email, ProvincialPlatform, Grid, Count };
// Call-centre skill queues (specialised seats) [SX21, GB25].
enum class SkillQueue : std::uint8_t { General, Enterprise, Dialect, Count };
// What became of a call.
enum class CallOutcome : std::uint8_t { Answered, Abandoned, Diverted, Callback, Count };
// Request types (诉求类型).
enum class RequestType : std::uint8_t { Consultation, Help, Complaint, Report, Suggestion, Praise, Count };
// Urgency of a ticket: urgent help has a 30-minute return window [SL24 §14] and a 2-hour
// feedback limit in Xi'an [XA23 三(四)]; major emergencies are handled immediately [SL24 §12].
enum class Urgency : std::uint8_t { Normal, Urgent, Major, Count };
// The citizen's evaluation.
enum class Satisfaction : std::uint8_t { None, Satisfied, BasicallySatisfied, Unsatisfied, Count };
// Kinds of handling unit in the organisation graph.
enum class UnitKind : std::uint8_t {
  City,                // the city government / hotline platform (root)
  District,            // district or county government
  Zone,                // development zone or park
  Street,              // street office (街道)
  Town,                // town or township (镇/乡)
  Department,          // a city government department
  DistrictDepartment,  // a district/county department
  Vertical,            // a vertically managed body (垂直管理)
  Utility,             // public utility company: water, power, gas, heating, telecom
  Other,               // associations, centres and other bodies
  Count
};

template <class E>
struct EnumNames;  // specialised below: static constexpr std::array<EnumName, N> names

#define HOTLINE_ENUM_NAMES(E, ...)                                                  \
  template <>                                                                       \
  struct EnumNames<E> {                                                             \
    static constexpr std::array<EnumName, std::size_t(E::Count)> names{__VA_ARGS__}; \
  }

HOTLINE_ENUM_NAMES(Channel, EnumName{"phone", "电话", "Phone"}, EnumName{"web", "网站", "Web"},
                   EnumName{"wechat", "微信", "WeChat"}, EnumName{"email", "电子邮件", "E-mail"},
                   EnumName{"platform", "省平台转派", "Provincial platform"},
                   EnumName{"grid", "网格上报", "Grid report"});
HOTLINE_ENUM_NAMES(SkillQueue, EnumName{"general", "综合座席", "General"},
                   EnumName{"enterprise", "涉企专席", "Enterprise service"},
                   EnumName{"dialect", "方言专席", "Dialect"});
HOTLINE_ENUM_NAMES(CallOutcome, EnumName{"answered", "接通", "Answered"},
                   EnumName{"abandoned", "放弃", "Abandoned"},
                   EnumName{"diverted", "分流", "Diverted"},
                   EnumName{"callback", "回拨", "Call-back"});
HOTLINE_ENUM_NAMES(RequestType, EnumName{"consultation", "咨询", "Consultation"},
                   EnumName{"help", "求助", "Help"}, EnumName{"complaint", "投诉", "Complaint"},
                   EnumName{"report", "举报", "Report"},
                   EnumName{"suggestion", "意见建议", "Suggestion"},
                   EnumName{"praise", "表扬", "Praise"});
HOTLINE_ENUM_NAMES(Urgency, EnumName{"normal", "一般", "Normal"},
                   EnumName{"urgent", "紧急", "Urgent"},
                   EnumName{"major", "重大紧急", "Major emergency"});
HOTLINE_ENUM_NAMES(Satisfaction, EnumName{"none", "未评价", "Not evaluated"},
                   EnumName{"satisfied", "满意", "Satisfied"},
                   EnumName{"basic", "基本满意", "Basically satisfied"},
                   EnumName{"unsatisfied", "不满意", "Unsatisfied"});
HOTLINE_ENUM_NAMES(UnitKind, EnumName{"city", "市级平台", "City"},
                   EnumName{"district", "区县政府", "District/county"},
                   EnumName{"zone", "开发区", "Development zone"},
                   EnumName{"street", "街道", "Street"}, EnumName{"town", "镇", "Town"},
                   EnumName{"department", "市级部门", "City department"},
                   EnumName{"district_department", "区县部门", "District department"},
                   EnumName{"vertical", "垂直管理单位", "Vertically managed body"},
                   EnumName{"utility", "公共事业单位", "Public utility"},
                   EnumName{"other", "其他单位", "Other body"});
#undef HOTLINE_ENUM_NAMES

template <class E>
constexpr const EnumName& enum_name(E e) {
  return EnumNames<E>::names[std::size_t(e)];
}
template <class E>
constexpr std::string_view enum_key(E e) {
  return enum_name(e).key;
}
template <class E>
constexpr std::string_view display_name(E e, Lang lang = Lang::Zh) {
  return lang == Lang::Zh ? enum_name(e).zh : enum_name(e).en;
}
// Finds the value whose key, Chinese name or English name equals `text` exactly.
template <class E>
constexpr std::optional<E> enum_from(std::string_view text) {
  for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i) {
    const EnumName& n = EnumNames<E>::names[i];
    if (text == n.key || text == n.zh || text == n.en) return E(i);
  }
  return std::nullopt;
}
// "phone|web|..." for error messages.
template <class E>
std::string enum_keys() {
  std::string out;
  for (const EnumName& n : EnumNames<E>::names) {
    if (!out.empty()) out += '|';
    out += n.key;
  }
  return out;
}

}  // namespace hotline
