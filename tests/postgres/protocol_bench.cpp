// Text versus binary result format, measured on a 10k-row scan of (BIGINT, DOUBLE PRECISION, TEXT, DATE) read
// into typed rows. Hidden ([.]): run it with `egret_postgres_tests "[bench]"`; the numbers are in docs/postgres.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "test_db.hpp"

namespace {
EGRET_TABLE(scan10k, (id, std::int64_t), (x, double), (label, std::string), (day, egret::date));
}

TEST_CASE("postgres: text vs binary result format on a 10k-row scan", "[.][bench][postgres]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("scan10k");
  db.create_table<scan10k>();
  db.exec("INSERT INTO scan10k SELECT g, g * 1.000001, 'label number ' || g, DATE '2000-01-01' + (g % 9000) "
          "FROM generate_series(1, 10000) g");
  scan10k t;
  auto const q = t.select(t.id, t.x, t.label, t.day);
  auto const saved = db.format();
  std::int64_t check = 0;
  auto once = [&](egret::postgres::result_format f) {
    db.set_format(f);
    auto const t0 = std::chrono::steady_clock::now();
    for (auto const& r : db.execute(q)) check += r.get<"id">() + static_cast<std::int64_t>(r.get<"day">().day);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  };
  once(egret::postgres::result_format::binary);  // warm up: prepare, caches
  once(egret::postgres::result_format::text);
  std::vector<double> text, binary;
  for (int i = 0; i < 50; ++i) {  // interleaved, so that a busy machine slows both alike
    text.push_back(once(egret::postgres::result_format::text));
    binary.push_back(once(egret::postgres::result_format::binary));
  }
  db.set_format(saved);
  CHECK(check > 0);
  std::sort(text.begin(), text.end());
  std::sort(binary.begin(), binary.end());
  std::printf("10k-row scan (bigint, double, text, date), 50 runs each: text min %.2f / median %.2f ms, "
              "binary min %.2f / median %.2f ms\n",
              text.front(), text[text.size() / 2], binary.front(), binary[binary.size() / 2]);
}
