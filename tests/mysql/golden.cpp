// Golden SQL for the MySQL and MariaDB dialects: quoting, placeholders, literals, CONCAT, DIV, CAST targets,
// the emulations (FILTER, NULLS FIRST / LAST, OFFSET without LIMIT) and the function spellings. All checked at
// compile time; the test case below only makes the file a test of its own.
#include <catch2/catch.hpp>

#include <egret/egret.hpp>
#include <egret/dialect/mysql.hpp>
#include <egret/dialect/postgres.hpp>

namespace {
EGRET_TABLE(orders, (order_id, std::int64_t), (customer_id, std::int64_t), (order_date, egret::date),
            (status, std::string), (note, std::optional<std::string>));
EGRET_TABLE(payments, (payment_id, std::int64_t), (order_id, std::int64_t), (payment_method, std::string),
            (amount, double));
EGRET_TABLE(events, (id, std::int32_t), (at, egret::timestamp), (flag, bool));
EGRET_TABLE(keyed, (code, std::string), (n, std::int64_t), (label, std::string), (x, std::optional<double>));
EGRET_PRIMARY_KEY(keyed, code, n);

using egret::lit;
using egret::str;
using egret::to_sql;
using M = egret::dialect::mysql;
using MB = egret::dialect::mariadb;

constexpr orders o{};
constexpr payments p{};
constexpr events e{};

// backticks, `?`, a backtick in a name doubled
static_assert(to_sql<M>(o.filter(o.status == "shipped").filter(o.order_id > 10).limit(5)) ==
              "SELECT * FROM `orders` WHERE `orders`.`status` = ? AND `orders`.`order_id` > ? LIMIT ?");
// string literals: quotes and backslashes doubled
static_assert(to_sql<M>(o.filter(o.status == str<"it's a\\b">)) ==
              R"(SELECT * FROM `orders` WHERE `orders`.`status` = 'it''s a\\b')");
// || is OR in MySQL: concatenation is CONCAT
static_assert(to_sql<M>(o.select((o.status + str<"-">).as<"s">())) ==
              "SELECT CONCAT(`orders`.`status`, '-') AS `s` FROM `orders`");
static_assert(to_sql<M>(egret::concat(o.status, str<"/">, o.status)) == "CONCAT(`orders`.`status`, '/', `orders`.`status`)");
// integer division truncates: DIV; DOUBLE division stays /
static_assert(to_sql<M>(o.order_id / 2) == "`orders`.`order_id` DIV ?");
static_assert(to_sql<M>(p.amount / 2) == "`payments`.`amount` / ?");
static_assert(to_sql<M>((o.order_id + 1) / (o.customer_id - 1)) == "(`orders`.`order_id` + ?) DIV (`orders`.`customer_id` - ?)");
// CREATE TABLE: column types (type_name), not CAST targets; text is LONGTEXT, a text column of the key VARCHAR(255)
static_assert(egret::create_table_sql<M, orders>() ==
              "CREATE TABLE `orders` (`order_id` BIGINT NOT NULL, `customer_id` BIGINT NOT NULL, `order_date` DATE NOT NULL, "
              "`status` LONGTEXT NOT NULL, `note` LONGTEXT)");
static_assert(egret::create_table_sql<MB, events>() ==
              "CREATE TABLE `events` (`id` INT NOT NULL, `at` DATETIME(6) NOT NULL, `flag` BOOLEAN NOT NULL)");
static_assert(egret::create_table_sql<MB, keyed>() ==
              "CREATE TABLE `keyed` (`code` VARCHAR(255) NOT NULL, `n` BIGINT NOT NULL, `label` LONGTEXT NOT NULL, "
              "`x` DOUBLE, PRIMARY KEY (`code`, `n`))");
static_assert(egret::insert_sql<M, keyed>() == "INSERT INTO `keyed` (`code`, `n`, `label`, `x`) VALUES (?, ?, ?, ?)");

// CAST targets
static_assert(to_sql<M>(p.amount.cast<std::int64_t>()) == "CAST(`payments`.`amount` AS SIGNED)");
static_assert(to_sql<M>(e.flag.cast<std::int32_t>()) == "CAST(`events`.`flag` AS SIGNED)");
static_assert(to_sql<MB>(e.id.cast<bool>()) == "CAST(`events`.`id` AS SIGNED)");
static_assert(to_sql<M>(o.order_id.cast<double>()) == "CAST(`orders`.`order_id` AS DOUBLE)");
static_assert(to_sql<M>(o.order_id.cast<std::string>()) == "CAST(`orders`.`order_id` AS CHAR)");
static_assert(to_sql<M>(o.status.cast<egret::date>()) == "CAST(`orders`.`status` AS DATE)");
static_assert(to_sql<M>(o.status.cast<egret::timestamp>()) == "CAST(`orders`.`status` AS DATETIME(6))");
// booleans
static_assert(to_sql<M>(o.filter(lit<true>)) == "SELECT * FROM `orders` WHERE TRUE");
// FILTER emulated
static_assert(to_sql<M>(p.group_by(p.order_id).aggregate(p.amount.sum(egret::where(p.payment_method == str<"coupon">)).as<"coupon">())) ==
              "SELECT `payments`.`order_id`, SUM(CASE WHEN `payments`.`payment_method` = 'coupon' THEN `payments`.`amount` END) AS `coupon` FROM `payments` GROUP BY `payments`.`order_id`");
// IS NOT DISTINCT FROM
static_assert(to_sql<M>(egret::identical_to(o.note, o.status)) == "`orders`.`note` <=> `orders`.`status`");
// date parts and functions
static_assert(to_sql<M>(egret::year(o.order_date)) == "YEAR(`orders`.`order_date`)");
static_assert(to_sql<M>(egret::day_of_week(o.order_date)) == "WEEKDAY(`orders`.`order_date`)");
static_assert(to_sql<M>(egret::truncate<egret::time_unit::month>(o.order_date)) ==
              "CAST(DATE_FORMAT(`orders`.`order_date`, '%Y-%m-01') AS DATE)");
static_assert(to_sql<M>(egret::truncate<egret::time_unit::hour>(e.at)) ==
              "CAST(DATE_FORMAT(`events`.`at`, '%Y-%m-%d %H:00:00') AS DATETIME(6))");
static_assert(to_sql<M>(o.order_date + egret::days(3)) == "DATE_ADD(`orders`.`order_date`, INTERVAL ? DAY)");
static_assert(to_sql<M>(o.order_date - egret::months(lit<1>)) == "DATE_SUB(`orders`.`order_date`, INTERVAL 1 MONTH)");
static_assert(to_sql<M>(egret::days_between(o.order_date, o.order_date)) ==
              "TIMESTAMPDIFF(DAY, `orders`.`order_date`, `orders`.`order_date`)");
static_assert(to_sql<M>(egret::strftime<"%Y-%m-%d %H:%M:%S">(e.at)) == "DATE_FORMAT(`events`.`at`, '%Y-%m-%d %H:%i:%s')");
static_assert(to_sql<M>(egret::strftime<"%S.%f">(e.at)) ==
              "CONCAT(DATE_FORMAT(`events`.`at`, '%s.%s.'), SUBSTR(DATE_FORMAT(`events`.`at`, '%f'), 1, 3))");
static_assert(to_sql<M>(egret::current_date()) == "UTC_DATE()");
// text
static_assert(to_sql<M>(o.status.length()) == "CHAR_LENGTH(`orders`.`status`)");
static_assert(to_sql<M>(o.status.contains("x")) == "INSTR(`orders`.`status`, ?) > 0");
static_assert(to_sql<M>(o.status.startswith("x")) == "INSTR(`orders`.`status`, ?) = 1");
static_assert(to_sql<M>(o.status.endswith("x")) == "INSTR(REVERSE(`orders`.`status`), REVERSE(?)) = 1");
static_assert(to_sql<M>(o.status.find("x")) == "INSTR(`orders`.`status`, ?) - 1");
static_assert(to_sql<M>(egret::round(p.amount)) == "CAST(ROUND(CAST(`payments`.`amount` AS DECIMAL(65, 30))) AS DOUBLE)");
// aggregates
static_assert(to_sql<M>(o.group_by(o.customer_id).aggregate(o.status.group_concat().as<"s">())) ==
              "SELECT `orders`.`customer_id`, GROUP_CONCAT(`orders`.`status` SEPARATOR ',') AS `s` FROM `orders` GROUP BY `orders`.`customer_id`");
// RETURNING on MariaDB only
static_assert(!egret::dialect::supports<M, egret::dialect::feature::returning>);
static_assert(egret::dialect::supports<MB, egret::dialect::feature::returning>);
static_assert(to_sql<MB>(o.limit(5)) == "SELECT * FROM `orders` LIMIT ?");
// RIGHT JOIN exists on both; FULL OUTER JOIN on neither (tests/compile_fail/dialect/mysql_full_join.cpp)
static_assert(egret::dialect::supports<M, egret::dialect::feature::right_full_join> &&
              !egret::dialect::supports<MB, egret::dialect::feature::full_join>);
static_assert(to_sql<M>(o.right_join(p, o.order_id == p.order_id).select(o.order_id, p.amount)) ==
              "SELECT `orders`.`order_id`, `payments`.`amount` FROM `orders` RIGHT JOIN `payments` ON `orders`.`order_id` = "
              "`payments`.`order_id`");
// upsert: ON DUPLICATE KEY UPDATE, excluded(c) as VALUES(c), DO NOTHING as a no-op assignment
static_assert(to_sql<M>(egret::insert_into(p).values(1, 2, "card", 3.5).on_conflict(p.payment_id).do_update(
                  egret::set(p.amount, egret::excluded(p.amount) + p.amount), egret::set(p.payment_method, str<"mixed">))) ==
              "INSERT INTO `payments` (`payment_id`, `order_id`, `payment_method`, `amount`) VALUES (?, ?, ?, ?) ON DUPLICATE "
              "KEY UPDATE `amount` = VALUES(`amount`) + `payments`.`amount`, `payment_method` = 'mixed'");
static_assert(to_sql<MB>(egret::insert_into(p).values(1, 2, "card", 3.5).on_conflict(p.payment_id).do_nothing()) ==
              "INSERT INTO `payments` (`payment_id`, `order_id`, `payment_method`, `amount`) VALUES (?, ?, ?, ?) ON DUPLICATE "
              "KEY UPDATE `payment_id` = `payments`.`payment_id`");
static_assert(to_sql<MB>(egret::insert_into(p).values(1, 2, "card", 3.5).on_conflict().do_nothing()) ==
              "INSERT INTO `payments` (`payment_id`, `order_id`, `payment_method`, `amount`) VALUES (?, ?, ?, ?) ON DUPLICATE "
              "KEY UPDATE `payment_id` = `payments`.`payment_id`");
// a value may read the column it sets (the old value), and excluded() of any column
static_assert(to_sql<M>(egret::insert_into(p).values(1, 2, "card", 3.5).on_conflict(p.payment_id).do_update(
                  egret::set(p.amount, p.amount * 2.0), egret::set(p.order_id, egret::excluded(p.order_id)))) ==
              "INSERT INTO `payments` (`payment_id`, `order_id`, `payment_method`, `amount`) VALUES (?, ?, ?, ?) ON DUPLICATE "
              "KEY UPDATE `amount` = `payments`.`amount` * ?, `order_id` = VALUES(`order_id`)");
// what ON DUPLICATE KEY UPDATE cannot say is recorded as a rejection, reported at to_sql
template <class Q>
constexpr egret::dialect::feature_set used_by_mysql(Q const&) {
  return egret::detail::sql_measure<M, Q>.features;
}
static_assert(used_by_mysql(egret::insert_into(p).values(1, 2, "card", 3.5).on_conflict(p.payment_id).do_update(
                  egret::set(p.amount, egret::excluded(p.amount))).where(p.amount < 10.0)) ==
              (egret::dialect::bit(egret::dialect::feature::upsert) |
               egret::dialect::bit(egret::dialect::rejection::upsert_update_where)));
static_assert(used_by_mysql(egret::insert_into(p).values(1, 2, "card", 3.5).on_conflict(p.payment_id).do_update(
                  egret::set(p.amount, egret::excluded(p.amount)), egret::set(p.order_id, p.order_id + p.amount.cast<std::int64_t>()))) ==
              (egret::dialect::bit(egret::dialect::feature::upsert) |
               egret::dialect::bit(egret::dialect::rejection::upsert_reads_earlier_set)));
// other dialects keep ON CONFLICT
static_assert(to_sql<egret::dialect::postgres>(egret::insert_into(p).values(1, 2, "card", 3.5).on_conflict(p.payment_id).do_nothing())
                  .ends_with(R"( ON CONFLICT ("payment_id") DO NOTHING)"));
}  // namespace

TEST_CASE("mysql golden SQL (compile-time)") { SUCCEED("checked by static_assert"); }
