#pragma once
// Counter-based random streams (Philox4x64-10 from Random123).
//
// The Philox key is (master seed, replication). The counter is
// (subject, purpose, draw index, block): the subject is who draws (the model
// packs area and person into it), the purpose says what the draw is for, and
// the draw index says which draw of that purpose this is (the third admission,
// say). The block word counts 256-bit blocks inside one draw, for
// distributions that consume several words (rejection samplers).
//
// Because a draw is addressed rather than taken from a shared sequence, the
// same person gets the same numbers for the same purpose in every scenario
// (common random numbers), and no draw depends on thread or rank.
//
// RandomStream satisfies UniformRandomBitGenerator, so Boost.Random
// distributions run directly on it.
#include <Random123/philox.h>

#include <array>
#include <boost/random/generate_canonical.hpp>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace hcsim::sim {

class RandomStream {
 public:
  using result_type = std::uint64_t;
  using Philox = r123::Philox4x64;

  RandomStream(Philox::key_type key, std::uint64_t subject, std::uint64_t purpose,
               std::uint64_t draw) noexcept
      : key_(key) {
    counter_ = {{subject, purpose, draw, 0}};
  }

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept {
    return std::numeric_limits<result_type>::max();
  }

  result_type operator()() noexcept {
    if (next_ == block_.size()) refill();
    return block_[next_++];
  }

 private:
  void refill() noexcept {
    block_ = Philox{}(counter_, key_);
    counter_[3] += 1;
    next_ = 0;
  }

  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_{};
  std::size_t next_ = 4;  // empty: first call computes block 0
};

// The words of one (subject, purpose, draw) read by position rather than
// in turn: word i is word i % 4 of block i / 4, whatever other words were
// read. Several draws of one word each (a uniform, a yes or no) then share
// a Philox block four at a time, and each still gets the same number when
// others are skipped (common random numbers), as with a stream of its own.
class RandomWords {
 public:
  using Philox = RandomStream::Philox;
  static constexpr std::size_t capacity = 16;  // words: four blocks

  RandomWords(Philox::key_type key, std::uint64_t subject, std::uint64_t purpose,
              std::uint64_t draw) noexcept
      : key_(key) {
    counter_ = {{subject, purpose, draw, 0}};
  }

  // Word `index` (below capacity); each block is computed once, when first read.
  [[nodiscard]] std::uint64_t operator[](std::size_t index) noexcept {
    assert(index < capacity);
    const std::size_t block = index / 4;
    if ((computed_ & (1u << block)) == 0) {
      Philox::ctr_type counter = counter_;
      counter[3] = block;
      blocks_[block] = Philox{}(counter, key_);
      computed_ |= 1u << block;
    }
    return blocks_[block][index % 4];
  }

 private:
  Philox::key_type key_;
  Philox::ctr_type counter_;
  std::array<Philox::ctr_type, capacity / 4> blocks_{};
  unsigned computed_ = 0;  // bit b: block b is in blocks_
};

// One word as a uniform random bit generator, for the Boost distributions
// that read exactly one word of a 64-bit generator (generate_canonical<double,
// 53>: its first word already carries the 53 bits).
class OneWord {
 public:
  using result_type = std::uint64_t;
  explicit OneWord(std::uint64_t word) noexcept : word_(word) {}
  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept {
    return std::numeric_limits<result_type>::max();
  }
  result_type operator()() noexcept {
    assert(!read_ && "a one-word draw read a second word");
    read_ = true;
    return word_;
  }

 private:
  std::uint64_t word_;
  bool read_ = false;
};

// A uniform draw on [0, 1) from one word (see RandomWords).
[[nodiscard]] inline double uniform_from_word(std::uint64_t word) noexcept {
  OneWord generator(word);
  return boost::random::generate_canonical<double, 53>(generator);
}

// Hands out streams for one (seed, replication).
class RandomStreams {
 public:
  RandomStreams(std::uint64_t seed, std::uint64_t replication) noexcept {
    key_ = {{seed, replication}};
  }

  [[nodiscard]] RandomStream stream(std::uint64_t subject, std::uint64_t purpose,
                                    std::uint64_t draw) const noexcept {
    return RandomStream(key_, subject, purpose, draw);
  }
  [[nodiscard]] RandomWords words(std::uint64_t subject, std::uint64_t purpose,
                                  std::uint64_t draw) const noexcept {
    return RandomWords(key_, subject, purpose, draw);
  }

 private:
  RandomStream::Philox::key_type key_;
};

}  // namespace hcsim::sim
