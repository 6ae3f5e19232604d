// Binary-heap future-event set with O(1) lazy cancellation through generation-checked slots.
#include "sim/event_queue.hpp"

namespace hotline::sim {

EventQueue::EventQueue(std::size_t reserve) {
  heap_.reserve(reserve);
  slots_.reserve(reserve);
  free_slots_.reserve(reserve);
}

void EventQueue::replace_top(const Event& e) {
  Event* h = heap_.data();
  const std::size_t n = heap_.size();
  const Event::Key k = e.key;
  std::size_t i = 0;
  for (std::size_t c = 1; c < n; c = 2 * i + 1) {
    if (c + 1 < n) c += std::size_t(h[c + 1].key < h[c].key);
    if (!(h[c].key < k)) break;
    h[i] = h[c];
    i = c;
  }
  h[i] = e;
}

void EventQueue::push(const Event& e) {
  if (top_consumed_) {
    top_consumed_ = false;
    replace_top(e);
    ++live_;
    return;
  }
  // Sift up with a hole: one write per level instead of a swap.
  std::size_t i = heap_.size();
  heap_.push_back(e);
  Event* h = heap_.data();
  while (i > 0) {
    const std::size_t parent = (i - 1) / 2;
    if (!e.before(h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = e;
  ++live_;
}

void EventQueue::schedule(double time, std::uint32_t kind, std::uint32_t target, std::uint8_t priority) {
  push(Event{Event::make_key(time, (std::uint64_t(priority) << 56) | seq_++), kind, target, Event::kNoSlot, 0});
}

EventHandle EventQueue::schedule_cancellable(double time, std::uint32_t kind, std::uint32_t target,
                                             std::uint8_t priority) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = std::uint32_t(slots_.size());
    slots_.push_back(Slot{});
  }
  slots_[slot].cancelled = false;
  const std::uint32_t gen = slots_[slot].gen;
  push(Event{Event::make_key(time, (std::uint64_t(priority) << 56) | seq_++), kind, target, slot, gen});
  return EventHandle{slot, gen};
}

bool EventQueue::pending(EventHandle h) const {
  return h.slot < slots_.size() && slots_[h.slot].gen == h.gen && !slots_[h.slot].cancelled;
}

void EventQueue::cancel(EventHandle h) {
  if (!pending(h)) return;
  slots_[h.slot].cancelled = true;
  --live_;
}

void EventQueue::pop_top() {
  // Floyd's bottom-up deletion: move the hole at the root down to a leaf along the smaller
  // children (one compare per level, between siblings), then sift the last element up from
  // there. The last element usually belongs near the bottom, so this saves about half the
  // compares of the textbook sift-down.
  const Event last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return;
  Event* h = heap_.data();
  std::size_t i = 0;
  for (std::size_t c = 1; c < n; c = 2 * i + 1) {
    if (c + 1 < n) c += std::size_t(h[c + 1].key < h[c].key);
    h[i] = h[c];
    i = c;
  }
  const Event::Key k = last.key;
  while (i > 0) {
    const std::size_t parent = (i - 1) / 2;
    if (!(k < h[parent].key)) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = last;
}

bool EventQueue::pop(Event* out) {
  if (top_consumed_) {
    top_consumed_ = false;
    pop_top();
  }
  while (!heap_.empty()) {
    const Event& top = heap_.front();
    if (top.slot != Event::kNoSlot) {
      Slot& s = slots_[top.slot];
      const bool dead = s.cancelled;
      ++s.gen;  // the handle no longer refers to a pending event
      s.cancelled = false;
      free_slots_.push_back(top.slot);
      if (dead) {
        pop_top();
        continue;
      }
    }
    --live_;
    *out = top;
    top_consumed_ = true;
    return true;
  }
  return false;
}

void EventQueue::clear() {
  heap_.clear();
  top_consumed_ = false;
  for (Slot& s : slots_) ++s.gen;
  free_slots_.clear();
  for (std::uint32_t i = 0; i < slots_.size(); ++i) free_slots_.push_back(i);
  live_ = 0;
}

}  // namespace hotline::sim
