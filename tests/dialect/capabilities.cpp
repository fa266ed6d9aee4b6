// Dialect capabilities (dialect/capability.hpp): which features each dialect has, by SQLite version; and
// the emulations run on a real SQLite, bound through the same walk as the text, giving the native results.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <egret/sqlite.hpp>

namespace {
namespace dl = egret::dialect;
using dl::feature;
using dl::supports;

// ---- the capability table, as the docs give it (docs/dialects.md) ----
static_assert(supports<dl::ansi, feature::right_full_join> && supports<dl::postgres, feature::returning>);
static_assert(dl::missing<dl::ansi> == 0 && dl::missing<dl::postgres> == 0 && dl::missing<dl::sqlite> == 0);
// each SQLite gate flips at the version that added the feature, not one version earlier or later
template <feature F, int Since>
constexpr bool flips_at = !supports<dl::sqlite_v<Since - 1>, F> && supports<dl::sqlite_v<Since>, F> &&
                          dl::sqlite_since(F) == Since;
static_assert(flips_at<feature::upsert, 3'024'000>);
static_assert(flips_at<feature::window_functions, 3'025'000>);
static_assert(flips_at<feature::filter_clause, 3'030'000>);
static_assert(flips_at<feature::nulls_order, 3'030'000>);
static_assert(flips_at<feature::update_from, 3'033'000>);
static_assert(flips_at<feature::returning, 3'035'000>);
static_assert(flips_at<feature::math_functions, 3'035'000>);
static_assert(flips_at<feature::right_full_join, 3'039'000>);
static_assert(flips_at<feature::full_join, 3'039'000>);
static_assert(dl::missing<dl::sqlite_v<3'034'000>> ==
              (dl::bit(feature::returning) | dl::bit(feature::math_functions) | dl::bit(feature::right_full_join) |
               dl::bit(feature::full_join)));
// require_features passes (and says so) when every used feature is there
static_assert(dl::require_features<dl::sqlite_v<3'035'000>, dl::bit(feature::returning) | dl::bit(feature::upsert)>());
static_assert(dl::require<dl::postgres, feature::right_full_join>());

// ---- the first rendering pass records what a query uses ----
EGRET_TABLE(cap_t, (id, std::int64_t), (grp, std::int64_t), (v, std::optional<double>), (s, std::string));
EGRET_PRIMARY_KEY(cap_t, id)
constexpr cap_t t{};
template <class D, class Q>
constexpr dl::feature_set used_by(Q const&) {
  return egret::detail::sql_measure<D, Q>.features;
}
static_assert(used_by<dl::sqlite>(t.select(t.id)) == 0);
static_assert(used_by<dl::sqlite>(t.right_join(t.as<"u">(), t.id == t.id).select(t.id)) == dl::bit(feature::right_full_join));
static_assert(used_by<dl::postgres>(t.select(egret::row_number().over(egret::window().order_by(t.id)).as<"n">())) ==
              dl::bit(feature::window_functions));
static_assert(used_by<dl::sqlite>(t.select(t.v.sqrt().as<"r">())) == dl::bit(feature::math_functions));
static_assert(used_by<dl::sqlite>(egret::delete_from(t).where(t.id == 1).returning(t.id)) == dl::bit(feature::returning));

std::filesystem::path fresh_db(std::string const& name) {
  auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / (name + ".db");
  std::filesystem::remove(p);
  return p;
}

void fill(egret::sqlite::connection& db) {
  db.create_table<cap_t>();
  db.insert<cap_t>(1, 1, std::optional<double>(2.0), "Ann");
  db.insert<cap_t>(2, 1, std::nullopt, "bob");
  db.insert<cap_t>(3, 2, std::optional<double>(-1.0), "ANNE");
  db.insert<cap_t>(4, 2, std::nullopt, "carl");
  db.insert<cap_t>(5, 2, std::optional<double>(7.5), "anna");
}

/// Runs q rendered for dialect D (its text and its binding walk), returning column 0 of every row.
template <class D, class Q>
std::vector<std::int64_t> ids_for(egret::sqlite::connection& db, Q const& q) {
  egret::sqlite::statement s(db.native_handle(), egret::to_sql<D>(q));
  egret::sqlite::detail::bind_query<D>(s, q);
  std::vector<std::int64_t> out;
  while (s.step()) out.push_back(s.read<std::int64_t>(0));
  return out;
}
}  // namespace

TEST_CASE("dialect: NULLS FIRST / LAST emulation sorts as the native clause, bound values included",
          "[dialect][sqlite]") {
  egret::sqlite::connection db(fresh_db("capabilities_nulls").string());
  fill(db);
  using old = dl::sqlite_v<3'029'000>;
  // the sort key holds a bound value: the emulation writes it twice, and the binder walks it twice
  auto q = t.select(t.id).order_by((t.v * 2.0 + 1.0).desc().nulls_first(), egret::asc(t.id).nulls_last());
  STATIC_REQUIRE(egret::to_sql<old>(q) ==
                 R"(SELECT "cap_t"."id" FROM "cap_t" ORDER BY "cap_t"."v" * ? + ? IS NULL DESC, "cap_t"."v" * ? + ? DESC, "cap_t"."id" IS NULL, "cap_t"."id")");
  STATIC_REQUIRE(egret::placeholder_count_v<old, decltype(q)> == 4);
  std::vector<std::int64_t> const native = ids_for<dl::sqlite>(db, q);
  CHECK(native == std::vector<std::int64_t>{2, 4, 5, 1, 3});
  CHECK(ids_for<old>(db, q) == native);
  // a value that changes the order: with `v * -1` the order reverses among non-NULLs
  auto r = t.select(t.id).order_by((t.v * -1.0).asc().nulls_last(), t.id);
  CHECK(ids_for<dl::sqlite>(db, r) == std::vector<std::int64_t>{5, 1, 3, 2, 4});
  CHECK(ids_for<old>(db, r) == ids_for<dl::sqlite>(db, r));
}

TEST_CASE("dialect: FILTER emulation by CASE aggregates as the native clause", "[dialect][sqlite]") {
  egret::sqlite::connection db(fresh_db("capabilities_filter").string());
  fill(db);
  using old = dl::sqlite_v<3'029'000>;
  auto q = t.group_by(t.grp)
               .aggregate(egret::count(egret::where(t.v > 0.0)).as<"pos">(),
                          t.v.sum(egret::where(t.s.ilike(egret::str<"ann%">))).cast<std::int64_t>().as<"ann">())
               .order_by(t.grp);
  STATIC_REQUIRE(egret::to_sql<old>(q).find("FILTER") == std::string_view::npos);
  STATIC_REQUIRE(egret::to_sql<dl::sqlite>(q).find("FILTER") != std::string_view::npos);
  auto rows_for = [&]<class D>(D) {
    egret::sqlite::statement s(db.native_handle(), egret::sql_c_str<D, decltype(q)>());
    egret::sqlite::detail::bind_query<D>(s, q);
    std::vector<std::string> rows;
    while (s.step())
      rows.push_back(std::to_string(s.read<std::int64_t>(0)) + ":" + std::to_string(s.read<std::int64_t>(1)) + ":" +
                     std::to_string(s.read<std::optional<std::int64_t>>(2).value_or(-99)));
    return rows;
  };
  CHECK(rows_for(dl::sqlite{}) == std::vector<std::string>{"1:1:2", "2:1:6"});
  CHECK(rows_for(old{}) == rows_for(dl::sqlite{}));
}

TEST_CASE("dialect: CREATE TABLE declares the primary key", "[dialect][sqlite]") {
  egret::sqlite::connection db(fresh_db("capabilities_pk").string());
  fill(db);
  CHECK_THROWS_AS(db.insert<cap_t>(1, 9, std::nullopt, "dup"), egret::sqlite::constraint_error);
}
