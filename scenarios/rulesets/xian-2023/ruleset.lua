-- Xi'an 12345 接诉即办 work plan (西安市12345政务服务便民热线“接诉即办”工作方案), 2023 [XA23],
-- applied to the Shangluo units so that both rule sets replay the same traffic.
return {
  id = "xian-2023",
  name = "西安市12345政务服务便民热线“接诉即办”工作方案（以商洛承办单位演示）",
  version = "2023.09.10",
  effective = "2023-09-10",
  sources = {
    "[XA23] 市政办函〔2023〕82号, 西安市人民政府办公厅, 2023-09-10 (seeds/001)",
    "[GB25] 国办函〔2025〕66号 (seeds/004): out-of-scope matters, merging duplicates, tiered evaluation",
  },
  org = "orgs/shangluo.csv",
  calendar = "national",
}
