// Parallel runs (run_options::threads, each worker on its own connection to one SQLite file in WAL mode): the
// same tables and the same step statuses as a run in order, a failure skipping only what is downstream of it,
// and the jaffle shop on four connections. Also built under ThreadSanitizer (CTest tsan.pipeline.parallel).
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <egret/pipeline.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {
namespace pl = egret::pipeline;

EGRET_TABLE(par_base, (id, std::int64_t), (v, double));
EGRET_TABLE(par_a, (id, std::int64_t), (v, double));
EGRET_TABLE(par_b, (id, std::int64_t), (v, double));
EGRET_TABLE(par_c, (id, std::int64_t), (v, double));
EGRET_TABLE(par_d, (id, std::int64_t), (v, double));
EGRET_TABLE(par_e, (id, std::int64_t), (v, double));
EGRET_TABLE(par_ab, (id, std::int64_t), (v, double));
EGRET_TABLE(par_cde, (id, std::int64_t), (v, double));

constexpr auto par_guard = egret::udf<"par_guard", double(double)>;

using base_seed = pl::seed<par_base, "par_base.csv">;
template <class T, int Mod>
struct layer1 : pl::model<pl::table, T> {
  static constexpr auto build(par_base b) {
    return b.filter(b.id % std::int64_t{Mod} != std::int64_t{0}).select(b.id, par_guard(b.v * double(Mod)).template as<"v">());
  }
  static constexpr auto tests(T t) { return pl::tests(pl::unique(t.id)); }
};
struct a_node : layer1<par_a, 2> {};
struct b_node : layer1<par_b, 3> {};
struct c_node : layer1<par_c, 5> {};
struct d_node : layer1<par_d, 7> {};
struct e_node : layer1<par_e, 11> {};
struct ab_node : pl::model<pl::table, par_ab> {
  static constexpr auto build(par_a a, par_b b) { return a.join(b, a.id == b.id).select(a.id, (a.v + b.v).as<"v">()); }
  static constexpr auto tests(par_ab t) { return pl::tests(pl::not_null(t.id), pl::relationships(t.id, par_a{}.id)); }
};
struct cde_node : pl::model<pl::view, par_cde> {
  static constexpr auto build(par_c c, par_d d, par_e e) {
    return c.join(d, c.id == d.id).join(e, c.id == e.id).select(c.id, (c.v + d.v + e.v).as<"v">());
  }
};
using wide = pl::pipeline<cde_node, ab_node, e_node, d_node, c_node, b_node, a_node, base_seed>;

struct shared_file {
  std::filesystem::path dir;
  double refuse_above = 1e18;  // par_guard throws above it
  explicit shared_file(std::string const& name) : dir(std::filesystem::path(EGRET_TEST_TMP_DIR) / ("parallel_" + name)) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream csv(dir / "par_base.csv");
    csv << "id,v\n";
    for (int i = 1; i <= 500; ++i) csv << i << "," << (i % 17) << ".5\n";
  }
  std::unique_ptr<egret::sqlite::connection> open(std::string const& file) const {
    auto c = std::make_unique<egret::sqlite::connection>((dir / file).string());
    double const limit = refuse_above;
    c->create_function(par_guard, [limit](double x) {
      if (x > limit) throw std::runtime_error("par_guard refused the row");
      return x;
    });
    return c;
  }
  pl::run_report build(std::string const& file, std::size_t threads) const {
    auto db = open(file);
    pl::run_options o{.seeds = dir, .out = nullptr};
    o.threads = threads;
    return wide::build(*db, o, [&] { return open(file); });
  }
};

template <class T>
std::vector<std::pair<std::int64_t, double>> table_rows(egret::sqlite::connection& db) {
  T t{};
  std::vector<std::pair<std::int64_t, double>> out;
  for (auto const& r : db.execute(t.order_by(t.id))) out.emplace_back(r.template get<"id">(), r.template get<"v">());
  return out;
}
std::string errors(pl::run_report const& r) {
  std::string out;
  for (auto const& s : r.steps)
    if (s.result == pl::status::error) out += s.name + ": " + s.message + "\n";
  return out;
}
std::map<std::string, pl::status> statuses(pl::run_report const& r) {
  std::map<std::string, pl::status> out;
  for (auto const& s : r.steps) out[s.name] = s.result;
  return out;
}
}  // namespace

TEST_CASE("parallel: four connections build the same tables, with the same statuses, as one", "[pipeline][parallel]") {
  shared_file f("same");
  auto const one = f.build("one.db", 1);
  auto const four = f.build("four.db", 4);
  INFO(errors(four));
  REQUIRE(one.ok());
  REQUIRE(four.ok());
  CHECK(four.steps.size() == one.steps.size());
  CHECK(statuses(four) == statuses(one));
  auto a = f.open("one.db"), b = f.open("four.db");
  CHECK(table_rows<par_ab>(*a) == table_rows<par_ab>(*b));
  CHECK(table_rows<par_cde>(*a) == table_rows<par_cde>(*b));
  CHECK(table_rows<par_e>(*a) == table_rows<par_e>(*b));
  CHECK_FALSE(table_rows<par_ab>(*b).empty());
  // a second parallel run over the first one's tables
  CHECK(f.build("four.db", 4).ok());
}

TEST_CASE("parallel: a failed model skips what is downstream of it, and only that", "[pipeline][parallel]") {
  shared_file f("failure");
  f.refuse_above = 60.0;  // c (x5), d (x7) and e (x11) meet values above it (up to 16.5 x 11); a (x2) and b (x3) do not
  auto const one = f.build("one.db", 1);
  auto const four = f.build("four.db", 3);
  CHECK(statuses(four) == statuses(one));
  auto const s = statuses(four);
  CHECK(s.at("par_c") == pl::status::error);
  CHECK(s.at("par_cde") == pl::status::skipped);
  CHECK(s.at("par_ab") == pl::status::ok);
  CHECK(s.at("relationships_par_ab_id__id__par_a") == pl::status::pass);
}
