// Window functions run on a real SQLite database file: ranks with ties, lag/lead with defaults, running
// aggregates over ROWS / RANGE / GROUPS frames, ntile, percent_rank, windows over joined and filtered
// relations, after group_by, and top-n per group.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <egret/sqlite.hpp>

namespace {
using namespace egret::literals;

EGRET_TABLE(scores, (id, std::int64_t), (team, std::string), (player, std::string), (day, std::int32_t),
            (points, std::int64_t));
EGRET_TABLE(teams, (team, std::string), (city, std::string));

std::filesystem::path fresh_db(std::string const& name) {
  auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / (name + ".db");
  std::filesystem::remove(p);
  return p;
}

// red: ann 10, bob 20, cid 20, dan 5 (days 1..4); blue: eve 7, fay 7, gus 9 (days 1..3)
void fill(egret::sqlite::connection& db) {
  db.create_table<scores>();
  db.create_table<teams>();
  db.insert<scores>(1, "red", "ann", 1, 10);
  db.insert<scores>(2, "red", "bob", 2, 20);
  db.insert<scores>(3, "red", "cid", 3, 20);
  db.insert<scores>(4, "red", "dan", 4, 5);
  db.insert<scores>(5, "blue", "eve", 1, 7);
  db.insert<scores>(6, "blue", "fay", 2, 7);
  db.insert<scores>(7, "blue", "gus", 3, 9);
  db.insert<teams>("red", "Oslo");
  db.insert<teams>("blue", "Rome");
}

constexpr scores s{};
}  // namespace

TEST_CASE("window sqlite: ranks with ties, percent_rank, cume_dist", "[window][sqlite]") {
  egret::sqlite::connection db(fresh_db("window_ranks").string());
  fill(db);
  auto w = egret::partition_by(s.team).order_by(s.points.desc());
  auto q = s.select(s.player, egret::row_number().over(egret::partition_by(s.team).order_by(s.points.desc(), s.id)).as<"rn">(),
                    egret::rank().over(w).as<"rk">(), egret::dense_rank().over(w).as<"drk">(),
                    egret::percent_rank().over(w).as<"pr">(), egret::cume_dist().over(w).as<"cd">())
               .order_by(s.id);
  std::vector<std::string> got;
  for (auto const& r : db.execute(q)) {
    std::int64_t const rn = r.get<"rn">(), rk = r.get<"rk">(), drk = r.get<"drk">();
    double const pr = r.get<"pr">(), cd = r.get<"cd">();
    got.push_back(std::string(r.get<"player">()) + ":" + std::to_string(rn) + "/" + std::to_string(rk) + "/" +
                  std::to_string(drk) + "/" + std::to_string(static_cast<int>(pr * 1000 + 0.5)) + "/" +
                  std::to_string(static_cast<int>(cd * 1000 + 0.5)));
  }
  CHECK(got == std::vector<std::string>{"ann:3/3/2/667/750", "bob:1/1/1/0/500", "cid:2/1/1/0/500", "dan:4/4/3/1000/1000",
                                        "eve:2/2/2/500/1000", "fay:3/2/2/500/1000", "gus:1/1/1/0/333"});
}

TEST_CASE("window sqlite: lag and lead, with and without defaults", "[window][sqlite]") {
  egret::sqlite::connection db(fresh_db("window_lag").string());
  fill(db);
  auto w = egret::partition_by(s.team).order_by(s.day);
  auto q = s.select(s.player, s.points.lag(1, 0).over(w).as<"prev">(), s.points.lead().over(w).as<"next">(),
                    egret::lag(s.player, egret::lit<2>).over(w).as<"two_back">(),
                    s.points.lead(egret::param<"k", std::int64_t>, std::int64_t{-1}).over(w).as<"ahead">())
               .order_by(s.id);
  auto rows = db.execute(q, std::int64_t{2}).to_vector();
  REQUIRE(rows.size() == 7);
  std::vector<std::int64_t> prev, ahead;
  for (auto const& r : rows) {
    prev.push_back(r.get<"prev">());  // a non-NULL default: a plain integer
    ahead.push_back(r.get<"ahead">());
  }
  CHECK(prev == std::vector<std::int64_t>{0, 10, 20, 20, 0, 7, 7});
  CHECK(ahead == std::vector<std::int64_t>{20, 5, -1, -1, 9, -1, -1});
  CHECK(rows[0].get<"next">() == std::optional<std::int64_t>(20));
  CHECK(!rows[3].get<"next">().has_value());  // dan is red's last day
  CHECK(!rows[1].get<"two_back">().has_value());
  CHECK(rows[2].get<"two_back">() == std::optional<std::string_view>("ann"));
  CHECK(rows[6].get<"two_back">() == std::optional<std::string_view>("eve"));
}

TEST_CASE("window sqlite: running aggregates over ROWS, RANGE and GROUPS frames", "[window][sqlite]") {
  egret::sqlite::connection db(fresh_db("window_frames").string());
  fill(db);
  auto by_day = egret::partition_by(s.team).order_by(s.day);
  auto by_points = egret::partition_by(s.team).order_by(s.points);
  auto q = s.select(s.player, s.points.cumsum(by_day).as<"cum">(),
                    s.points.sum().over(by_day.rows(egret::preceding<1>(), egret::current_row())).as<"pair">(),
                    egret::count().over(by_points.range(egret::preceding<5>(), egret::following<5>())).as<"near">(),
                    s.points.sum()
                        .over(by_points.groups(egret::preceding<1>(), egret::following<1>()).exclude_group())
                        .as<"neighbours">(),
                    s.points.sum().over(by_day).as<"default_frame">(),
                    s.points.cummax(by_day).as<"best">(),
                    egret::count(egret::where(s.points >= 10)).over(egret::partition_by(s.team)).as<"tens">())
               .order_by(s.id);
  std::vector<std::int64_t> cum, pair, near, neighbours, default_frame, best, tens;
  for (auto const& r : db.execute(q)) {
    cum.push_back(r.get<"cum">());
    pair.push_back(r.get<"pair">());
    near.push_back(r.get<"near">());
    neighbours.push_back(r.get<"neighbours">().value_or(-1));  // EXCLUDE GROUP may leave the frame empty
    default_frame.push_back(r.get<"default_frame">());
    best.push_back(r.get<"best">());
    tens.push_back(r.get<"tens">());
  }
  CHECK(cum == std::vector<std::int64_t>{10, 30, 50, 55, 7, 14, 23});
  CHECK(pair == std::vector<std::int64_t>{10, 30, 40, 25, 7, 14, 16});
  CHECK(near == std::vector<std::int64_t>{2, 2, 2, 2, 3, 3, 3});
  CHECK(neighbours == std::vector<std::int64_t>{45, 10, 10, 10, 9, 9, 14});
  CHECK(default_frame == cum);  // ORDER BY without a frame: up to the current row (days are unique)
  CHECK(best == std::vector<std::int64_t>{10, 20, 20, 20, 7, 7, 9});
  CHECK(tens == std::vector<std::int64_t>{3, 3, 3, 3, 0, 0, 0});
}

TEST_CASE("window sqlite: frame offsets bound at run time", "[window][sqlite]") {
  egret::sqlite::connection db(fresh_db("window_bound").string());
  fill(db);
  auto by_day = egret::partition_by(s.team).order_by(s.day);
  auto red = [&](auto const& q, auto const&... args) {
    std::vector<std::int64_t> out;
    for (auto const& r : db.execute(q, args...)) out.push_back(r.template get<"x">());
    return out;
  };
  std::int64_t const n = 2;
  auto captured = s.filter(s.team == egret::str<"red">)
                      .select(s.points.sum().over(by_day.rows(egret::preceding(n), egret::current_row())).as<"x">())
                      .order_by(s.id);
  CHECK(red(captured) == std::vector<std::int64_t>{10, 30, 50, 45});
  auto named = s.filter(s.team == egret::str<"red">)
                   .select(s.points.sum()
                               .over(by_day.rows(egret::preceding(egret::param<"n", std::int64_t>), egret::current_row()))
                               .as<"x">())
                   .order_by(s.id);
  CHECK(red(named, std::int64_t{1}) == std::vector<std::int64_t>{10, 30, 40, 25});
  CHECK(red(named, std::int64_t{0}) == std::vector<std::int64_t>{10, 20, 20, 5});
}

TEST_CASE("window sqlite: ntile and first/last/nth value", "[window][sqlite]") {
  egret::sqlite::connection db(fresh_db("window_ntile").string());
  fill(db);
  auto all = egret::partition_by(s.team).order_by(s.day).rows(egret::unbounded_preceding(), egret::unbounded_following());
  auto q = s.select(egret::ntile(egret::lit<2>).over(egret::order_by(s.id)).as<"half">(),
                    egret::ntile(3).over(egret::order_by(s.id)).as<"third">(),
                    s.player.first_value().over(egret::partition_by(s.team).order_by(s.day)).as<"first">(),
                    s.player.last_value().over(all).as<"last">(), s.player.nth_value(2).over(all).as<"second">())
               .order_by(s.id);
  std::vector<std::int64_t> half, third;
  std::vector<std::string> first, last, second;
  for (auto const& r : db.execute(q)) {
    half.push_back(r.get<"half">());
    third.push_back(r.get<"third">());
    first.emplace_back(r.get<"first">());
    last.emplace_back(r.get<"last">());
    second.emplace_back(r.get<"second">().value_or("?"));
  }
  CHECK(half == std::vector<std::int64_t>{1, 1, 1, 1, 2, 2, 2});
  CHECK(third == std::vector<std::int64_t>{1, 1, 1, 2, 2, 3, 3});
  CHECK(first == std::vector<std::string>{"ann", "ann", "ann", "ann", "eve", "eve", "eve"});
  CHECK(last == std::vector<std::string>{"dan", "dan", "dan", "dan", "gus", "gus", "gus"});
  CHECK(second == std::vector<std::string>{"bob", "bob", "bob", "bob", "fay", "fay", "fay"});
}

TEST_CASE("window sqlite: over a joined and filtered relation", "[window][sqlite]") {
  egret::sqlite::connection db(fresh_db("window_join").string());
  fill(db);
  teams t;
  auto q = s.join(t, s.team == t.team)
               .filter(s.day >= 2)
               .select(s.player, t.city, s.points.sum().over(egret::partition_by(t.city)).as<"city_total">(),
                       egret::row_number().over(egret::partition_by(t.city).order_by(s.points.desc(), s.id)).as<"pos">(),
                       (s.points - s.points.mean().over(egret::partition_by(t.city))).as<"vs_mean">())
               .order_by(s.id);
  std::vector<std::string> got;
  for (auto const& r : db.execute(q))
    got.push_back(std::string(r.get<"player">()) + "@" + std::string(r.get<"city">()) + ":" +
                  std::to_string(r.get<"city_total">()) + "#" + std::to_string(r.get<"pos">()) + "~" +
                  std::to_string(static_cast<int>(r.get<"vs_mean">() * 10)));
  CHECK(got == std::vector<std::string>{"bob@Oslo:45#1~50", "cid@Oslo:45#2~50", "dan@Oslo:45#3~-100",
                                        "fay@Rome:16#2~-10", "gus@Rome:16#1~10"});
}

TEST_CASE("window sqlite: top-n per group and windows after group_by", "[window][sqlite]") {
  egret::sqlite::connection db(fresh_db("window_group").string());
  fill(db);
  auto ranked = s.mutate(egret::row_number().over(egret::partition_by(s.team).order_by(s.points.desc(), s.id)).as<"rn">());
  std::vector<std::string> best;
  for (auto const& r : db.execute(ranked.filter(ranked["rn"_c] == 1).order_by(ranked["team"_c])))
    best.emplace_back(r.get<"player">());
  CHECK(best == std::vector<std::string>{"gus", "bob"});

  auto per_team = s.group_by(s.team)
                      .aggregate(s.points.sum().as<"total">(),
                                 egret::rank().over(egret::order_by(s.points.sum().desc())).as<"place">(),
                                 s.points.sum().lag().over(egret::order_by(s.points.sum().desc())).as<"ahead">())
                      .order_by(s.team);
  auto rows = db.execute(per_team).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<"team">() == "blue");
  CHECK(rows[0].get<"total">() == std::optional<std::int64_t>(23));
  CHECK(rows[0].get<"place">() == 2);
  CHECK(rows[0].get<"ahead">() == std::optional<std::int64_t>(55));
  CHECK(rows[1].get<"place">() == 1);
  CHECK(!rows[1].get<"ahead">().has_value());
}
