// The allocator behind the person records: large blocks on huge-page
// boundaries, small ones as usual, and a vector on it behaves as any other.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

#include "sim/huge_page_allocator.hpp"

namespace {

struct alignas(64) Line {
  std::uint64_t words[8];
};

std::uintptr_t address_of(const void* pointer) { return reinterpret_cast<std::uintptr_t>(pointer); }

}  // namespace

TEST_CASE("blocks of a huge page or more start on a huge-page boundary", "[huge_pages]") {
  hcsim::sim::HugePageAllocator<Line> allocator;
  const std::size_t count = hcsim::sim::huge_page_bytes / sizeof(Line) + 1;  // just over 2 MiB
  Line* block = allocator.allocate(count);
  REQUIRE(block != nullptr);
  CHECK(address_of(block) % hcsim::sim::huge_page_bytes == 0);
  // Every line is usable, the last (on the rounded-up page) included.
  for (std::size_t i = 0; i < count; ++i) block[i].words[7] = i;
  CHECK(block[count - 1].words[7] == count - 1);
  allocator.deallocate(block, count);
}

TEST_CASE("small blocks keep their type's alignment", "[huge_pages]") {
  hcsim::sim::HugePageAllocator<Line> allocator;
  Line* block = allocator.allocate(3);
  CHECK(address_of(block) % alignof(Line) == 0);
  allocator.deallocate(block, 3);
}

TEST_CASE("a vector on huge pages grows and keeps its elements", "[huge_pages]") {
  std::vector<std::uint64_t, hcsim::sim::HugePageAllocator<std::uint64_t>> values;
  // Across the threshold: from the usual heap to huge pages as it grows.
  const std::size_t count = 3 * hcsim::sim::huge_page_bytes / sizeof(std::uint64_t);
  for (std::size_t i = 0; i < count; ++i) values.push_back(i);
  CHECK(address_of(values.data()) % hcsim::sim::huge_page_bytes == 0);
  CHECK(values.size() == count);
  CHECK(std::accumulate(values.begin(), values.end(), std::uint64_t{0}) ==
        static_cast<std::uint64_t>(count) * (count - 1) / 2);
  values.resize(5);
  values.shrink_to_fit();
  CHECK(values.back() == 4);
}
