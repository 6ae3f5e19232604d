// The future-event set: a binary heap of small plain events ordered by (time, priority,
// insertion sequence), so that runs repeat exactly (after OMNeT++ cEventHeap). No
// allocation per event: the heap and the cancellation slots are reserved at load and only
// grow (amortised) if a model outgrows them.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

namespace hotline::sim {

struct Event {
  // (time, priority, sequence) as one 128-bit unsigned key, computed once at scheduling:
  // the high half is the time's bits mapped so that unsigned order is numeric order
  // (negative times included), the low half the priority (top 8 bits) and insertion
  // sequence. The heap's inner loop is then one branch-free 128-bit compare.
  __extension__ using Key = unsigned __int128;
  Key key;
  std::uint32_t kind;   // model-defined event type
  std::uint32_t target; // model-defined entity index
  std::uint32_t slot;   // cancellation slot, or kNoSlot
  std::uint32_t gen;    // the slot's generation when scheduled

  static constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();
  static Key make_key(double time, std::uint64_t order) {
    const auto b = std::bit_cast<std::uint64_t>(time);
    const std::uint64_t mapped = b ^ (std::uint64_t(std::int64_t(b) >> 63) | 0x8000000000000000ULL);
    return (Key(mapped) << 64) | order;
  }
  double time() const {
    const auto mapped = std::uint64_t(key >> 64);
    const std::uint64_t b = (mapped & 0x8000000000000000ULL) ? mapped ^ 0x8000000000000000ULL : ~mapped;
    return std::bit_cast<double>(b);
  }
  std::uint64_t order() const { return std::uint64_t(key); }
  bool before(const Event& o) const { return key < o.key; }
};
static_assert(sizeof(Event) == 32, "events stay small: two fit a cache line");

// Identifies a cancellable event; default-constructed handles cancel nothing.
struct EventHandle {
  std::uint32_t slot = Event::kNoSlot;
  std::uint32_t gen = 0;
};

class EventQueue {
 public:
  explicit EventQueue(std::size_t reserve = 1024);

  // Schedules an event that cannot be cancelled. Priority 0..255, lower first at equal time.
  void schedule(double time, std::uint32_t kind, std::uint32_t target, std::uint8_t priority = 0);
  // Schedules a cancellable event.
  EventHandle schedule_cancellable(double time, std::uint32_t kind, std::uint32_t target,
                                   std::uint8_t priority = 0);
  // Cancels a pending event: it is never returned by pop(). Cancelling an event that has
  // fired or was cancelled already is a no-op. O(1): the entry is dropped when it surfaces.
  void cancel(EventHandle h);
  bool pending(EventHandle h) const;

  // Removes the earliest live event into *out; false when there is none.
  bool pop(Event* out);
  // Live events (scheduled, not fired, not cancelled).
  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }
  // Heap entries including cancelled ones not yet surfaced.
  std::size_t heap_size() const { return heap_.size() - std::size_t(top_consumed_); }
  void clear();

 private:
  void push(const Event& e);
  void pop_top();
  void replace_top(const Event& e);
  struct Slot {
    std::uint32_t gen = 0;
    bool cancelled = false;
  };
  std::vector<Event> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t seq_ = 0;
  std::size_t live_ = 0;
  // pop() leaves the returned event at the root and marks it consumed; the next schedule
  // overwrites the root and sifts down once, instead of a sift-down for the pop and a
  // sift-up for the push (most events schedule a successor).
  bool top_consumed_ = false;
};

}  // namespace hotline::sim
