#include <catch2/catch.hpp>

#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/random_stream.hpp"

using hcsim::sim::RandomStreams;

TEST_CASE("Philox4x64-10 matches the Random123 known-answer vector", "[rng]") {
  r123::Philox4x64 philox;
  const r123::Philox4x64::ctr_type counter{{0, 0, 0, 0}};
  const r123::Philox4x64::key_type key{{0, 0}};
  const auto out = philox(counter, key);
  CHECK(out[0] == 0x16554d9eca36314cull);
  CHECK(out[1] == 0xdb20fe9d672d0fdcull);
  CHECK(out[2] == 0xd7e772cee186176bull);
  CHECK(out[3] == 0x7e68b68aec7ba23bull);
}

TEST_CASE("stream words are pinned (golden values)", "[rng][golden]") {
  RandomStreams streams(42, 7);
  auto stream = streams.stream(1, 2, 3);
  const std::vector<std::uint64_t> expected{0x33e352d4ece206bcull, 0x21922cbb5f69685aull,
                                            0x97e289d6b3c0dc98ull, 0xdc80d62bf6308174ull,
                                            0x8e1785382aa1251cull};
  for (std::uint64_t want : expected) CHECK(stream() == want);
}

TEST_CASE("a stream is a pure function of seed, replication, subject, purpose and draw",
          "[rng]") {
  RandomStreams a(5, 1);
  RandomStreams b(5, 1);
  auto first = a.stream(10, 3, 2);
  auto second = b.stream(10, 3, 2);
  for (int i = 0; i < 100; ++i) REQUIRE(first() == second());
}

TEST_CASE("changing any part of the address changes the stream", "[rng]") {
  auto word = [](std::uint64_t seed, std::uint64_t replication, std::uint64_t subject,
                 std::uint64_t purpose, std::uint64_t draw) {
    return RandomStreams(seed, replication).stream(subject, purpose, draw)();
  };
  const auto base = word(1, 1, 1, 1, 1);
  CHECK(word(2, 1, 1, 1, 1) != base);
  CHECK(word(1, 2, 1, 1, 1) != base);
  CHECK(word(1, 1, 2, 1, 1) != base);
  CHECK(word(1, 1, 1, 2, 1) != base);
  CHECK(word(1, 1, 1, 1, 2) != base);
}

TEST_CASE("neighbouring streams are uncorrelated and uniform", "[rng]") {
  // 20,000 pairs from adjacent subjects: the correlation of their uniforms
  // has standard error 1/sqrt(n) = 0.007, so |r| < 0.03 fails by chance with
  // probability below 1e-5; the mean of 0.5 has standard error 0.002.
  RandomStreams streams(2026, 0);
  boost::random::uniform_01<double> uniform;
  const int n = 20000;
  double sum_x = 0, sum_y = 0, sum_xx = 0, sum_yy = 0, sum_xy = 0;
  for (int i = 0; i < n; ++i) {
    auto sx = streams.stream(static_cast<std::uint64_t>(i), 1, 0);
    auto sy = streams.stream(static_cast<std::uint64_t>(i) + 1, 1, 0);
    const double x = uniform(sx);
    const double y = uniform(sy);
    sum_x += x;
    sum_y += y;
    sum_xx += x * x;
    sum_yy += y * y;
    sum_xy += x * y;
  }
  const double mean_x = sum_x / n;
  const double mean_y = sum_y / n;
  const double covariance = sum_xy / n - mean_x * mean_y;
  const double r = covariance / std::sqrt((sum_xx / n - mean_x * mean_x) *
                                          (sum_yy / n - mean_y * mean_y));
  CHECK(std::abs(r) < 0.03);
  CHECK(std::abs(mean_x - 0.5) < 0.01);
  CHECK(std::abs(mean_y - 0.5) < 0.01);
}

TEST_CASE("a stream continues past its first block", "[rng]") {
  auto stream = RandomStreams(1, 1).stream(1, 1, 1);
  std::vector<std::uint64_t> words;
  for (int i = 0; i < 12; ++i) words.push_back(stream());
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (std::size_t j = i + 1; j < words.size(); ++j) REQUIRE(words[i] != words[j]);
  }
}

TEST_CASE("words read by position are the stream's words, in any order", "[rng]") {
  // Word i of (subject, purpose, draw) is the stream's i-th word, whichever
  // words were read before it: skipping one leaves the others as they were.
  RandomStreams streams(42, 7);
  auto stream = streams.stream(1, 2, 3);
  std::vector<std::uint64_t> in_turn;
  for (std::size_t i = 0; i < hcsim::sim::RandomWords::capacity; ++i) in_turn.push_back(stream());
  auto forwards = streams.words(1, 2, 3);
  for (std::size_t i = 0; i < in_turn.size(); ++i) REQUIRE(forwards[i] == in_turn[i]);
  auto scattered = streams.words(1, 2, 3);
  for (const std::size_t i : {13u, 2u, 9u, 2u, 15u, 0u, 4u}) REQUIRE(scattered[i] == in_turn[i]);
  auto other = streams.words(1, 2, 4);
  CHECK(other[0] != in_turn[0]);
}

TEST_CASE("a uniform from one word lies from 0 up to 1 and follows the word", "[rng]") {
  using hcsim::sim::uniform_from_word;
  CHECK(uniform_from_word(0) == 0.0);
  CHECK(uniform_from_word(~std::uint64_t{0}) < 1.0);
  CHECK(uniform_from_word(std::uint64_t{1} << 63) == 0.5);
  CHECK(uniform_from_word(std::uint64_t{1} << 62) < uniform_from_word(std::uint64_t{3} << 62));
  // Over many words, the mean and the share below a quarter are uniform's.
  auto words = RandomStreams(9, 0).stream(0, 0, 0);
  double sum = 0.0;
  int below = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = uniform_from_word(words());
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    below += u < 0.25 ? 1 : 0;
  }
  CHECK(sum / n == Approx(0.5).margin(0.005));
  CHECK(static_cast<double>(below) / n == Approx(0.25).margin(0.005));
}
