#pragma once
// A first-in first-out queue of small values on a ring buffer. Unlike
// std::deque it allocates only when it outgrows its largest size so far, which
// keeps waiting lists off the allocator in the event loop.
#include <cassert>
#include <cstddef>
#include <vector>

namespace hcsim::sim {

template <class T>
class Fifo {
 public:
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  void push(const T& value) {
    if (size_ == buffer_.size()) grow();
    buffer_[(head_ + size_) % buffer_.size()] = value;
    ++size_;
  }

  [[nodiscard]] const T& front() const noexcept {
    assert(size_ > 0);
    return buffer_[head_];
  }

  T pop() noexcept {
    assert(size_ > 0);
    T value = buffer_[head_];
    head_ = (head_ + 1) % buffer_.size();
    --size_;
    return value;
  }

 private:
  void grow() {
    std::vector<T> larger(buffer_.empty() ? 16 : buffer_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) larger[i] = buffer_[(head_ + i) % buffer_.size()];
    buffer_.swap(larger);
    head_ = 0;
  }

  std::vector<T> buffer_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace hcsim::sim
