// The conformance suite's data: a small table with NULLs and edge values in every column type (Ibis's
// functional_alltypes in miniature), a lookup table to join with, and a table the statement tests change.
// Loaded once per process on each backend, into the backend's private schema.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <egret/egret.hpp>

namespace conformance {

EGRET_TABLE(items, (id, std::int64_t), (grp, std::string), (qty, std::optional<std::int64_t>),
            (price, std::optional<double>), (name, std::optional<std::string>), (day, std::optional<egret::date>),
            (ok, std::optional<bool>), (k, std::int32_t));
EGRET_PRIMARY_KEY(items, id);

EGRET_TABLE(owners, (grp, std::string), (label, std::string));

EGRET_TABLE(ledger, (id, std::int64_t), (who, std::string), (amount, double));
EGRET_PRIMARY_KEY(ledger, id);

inline constexpr items it{};
inline constexpr owners ow{};
inline constexpr ledger lg{};

/// Creates and fills the tables (dropping earlier ones).
template <class Db>
void load_data(Db& db) {
  db.drop_table("items");
  db.drop_table("owners");
  db.drop_table("ledger");
  db.template create_table<items>();
  db.template create_table<owners>();
  db.template create_table<ledger>();
  using std::nullopt;
  using D = egret::date;
  using S = std::string;
  db.template insert<items>(std::int64_t{1}, S("a"), std::optional<std::int64_t>{10}, std::optional<double>{1.5},
                            std::optional<S>{"apple"}, std::optional<D>{D{2024, 1, 15}}, std::optional<bool>{true},
                            std::int32_t{3});
  db.template insert<items>(std::int64_t{2}, S("a"), std::optional<std::int64_t>{-7}, std::optional<double>{-2.25},
                            std::optional<S>{"Banana"}, std::optional<D>{D{2024, 2, 29}}, std::optional<bool>{false},
                            std::int32_t{-3});
  db.template insert<items>(std::int64_t{3}, S("b"), nullopt, std::optional<double>{0.0}, std::optional<S>{"cherry pie"},
                            std::optional<D>{D{2023, 12, 31}}, std::optional<bool>{true}, std::int32_t{0});
  db.template insert<items>(std::int64_t{4}, S("b"), std::optional<std::int64_t>{0}, nullopt, nullopt, nullopt, nullopt,
                            std::int32_t{7});
  db.template insert<items>(std::int64_t{5}, S("c"), std::optional<std::int64_t>{7}, std::optional<double>{100.125},
                            std::optional<S>{"\xC3\x84pfel \xC3\xBC"}, std::optional<D>{D{2024, 3, 1}},
                            std::optional<bool>{false}, std::int32_t{2});
  db.template insert<items>(std::int64_t{6}, S("c"), std::optional<std::int64_t>{4'000'000'000}, std::optional<double>{3.0},
                            std::optional<S>{"it's"}, std::optional<D>{D{2024, 1, 1}}, std::optional<bool>{true},
                            std::int32_t{-1});
  db.template insert<items>(std::int64_t{7}, S("a"), std::optional<std::int64_t>{3}, std::optional<double>{0.001},
                            std::optional<S>{""}, std::optional<D>{D{2000, 2, 28}}, nullopt, std::int32_t{5});
  db.template insert<owners>(S("a"), S("Alpha"));
  db.template insert<owners>(S("b"), S("Beta"));
  db.template insert<owners>(S("d"), S("Delta"));
}

}  // namespace conformance
