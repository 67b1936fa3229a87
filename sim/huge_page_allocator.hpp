#pragma once
// An allocator for large arrays read at random: blocks of a huge page
// (2 MiB) or more are aligned to huge pages and offered to the kernel as
// such (madvise MADV_HUGEPAGE), smaller ones come from the usual heap.
//
// A model that reads an area's records at random, one event at a time,
// takes a TLB miss as well as a cache miss on most reads once the records
// span more 4 KiB pages than the TLB holds (a few MiB); under a hypervisor
// each TLB miss is a two-level page walk. On 2 MiB pages the same records
// need a few hundred TLB entries instead of hundreds of thousands.
// Where transparent huge pages are off (or not Linux) the hint does
// nothing and the memory is used as ordinary pages: only speed changes,
// never a result.
#include <cstddef>
#include <limits>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace hcsim::sim {

inline constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;

template <class T>
class HugePageAllocator {
 public:
  using value_type = T;

  HugePageAllocator() noexcept = default;
  template <class U>
  explicit HugePageAllocator(const HugePageAllocator<U>& /*other*/) noexcept {}

  [[nodiscard]] T* allocate(std::size_t count) {
    if (count > max_count()) throw std::bad_array_new_length();
    const std::size_t bytes = rounded_bytes(count);
    void* block = ::operator new(bytes, std::align_val_t{alignment(bytes)});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // A hint only: a kernel without transparent huge pages refuses it, and
    // the block is then used as ordinary pages.
    if (bytes >= huge_page_bytes) static_cast<void>(::madvise(block, bytes, MADV_HUGEPAGE));
#endif
    return static_cast<T*>(block);
  }

  void deallocate(T* block, std::size_t count) noexcept {
    const std::size_t bytes = rounded_bytes(count);
    ::operator delete(block, std::align_val_t{alignment(bytes)});
  }

  // Stateless: any one frees what another allocated.
  friend bool operator==(const HugePageAllocator& /*a*/, const HugePageAllocator& /*b*/) noexcept {
    return true;
  }

 private:
  static constexpr std::size_t max_count() noexcept {
    // No object may exceed PTRDIFF_MAX bytes, rounding up included.
    return (static_cast<std::size_t>(std::numeric_limits<std::ptrdiff_t>::max()) - huge_page_bytes) /
           sizeof(T);
  }
  // Blocks of a huge page or more are whole huge pages, so that the last
  // page of the array is huge too.
  static constexpr std::size_t rounded_bytes(std::size_t count) noexcept {
    const std::size_t bytes = count * sizeof(T);
    if (bytes < huge_page_bytes) return bytes;
    return (bytes + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes;
  }
  static constexpr std::size_t alignment(std::size_t bytes) noexcept {
    if (bytes >= huge_page_bytes) return huge_page_bytes;
    return alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__ ? alignof(T)
                                                          : __STDCPP_DEFAULT_NEW_ALIGNMENT__;
  }
};

}  // namespace hcsim::sim
