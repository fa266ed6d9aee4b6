// Golden SQL for the ClickHouse dialect (rendered only; egret has no ClickHouse backend): every construct the
// SQLite and PostgreSQL goldens cover, in ClickHouse's spelling. Each static_assert is checked by the compiler;
// what ClickHouse cannot render is a compile error (tests/compile_fail/dialect/clickhouse_*.cpp).
#include <catch2/catch.hpp>

#include <array>
#include <tuple>

#include <egret/dialect/clickhouse.hpp>

#include "../schema.hpp"

// Tables declared outside the anonymous namespace: one used only as a type would leave its name unused.
namespace golden_clickhouse {
EGRET_TABLE(cnt, (n, std::int64_t));
EGRET_TABLE(lookup, (code, std::string), (label, std::optional<std::string>));
EGRET_TABLE(order_lines, (order_id, std::int64_t), (line_no, std::int32_t), (amount, double),
            (shipped_at, std::optional<egret::timestamp>));
EGRET_PRIMARY_KEY(order_lines, order_id, line_no)
EGRET_TABLE(nums, (id, std::int64_t), (i, std::int64_t), (x, double), (n, std::optional<std::int64_t>),
            (y, std::optional<double>), (k, std::int32_t));
EGRET_TABLE(words, (id, std::int64_t), (s, std::string), (t, std::optional<std::string>),
            (n, std::optional<std::int64_t>));
EGRET_TABLE(events, (id, std::int64_t), (d, egret::date), (ts, egret::timestamp), (n, std::int32_t),
            (od, std::optional<egret::date>));
EGRET_TABLE(codes, (id, std::int64_t), (code, std::string), (note, std::optional<std::string>));
EGRET_TABLE(m, (g, std::int64_t), (x, double), (i, std::int64_t), (s, std::string), (ok, bool),
            (o, std::optional<double>));
}  // namespace golden_clickhouse

namespace {
using namespace golden;
using namespace golden_clickhouse;
using namespace egret::literals;
using egret::lit;
using egret::str;
using egret::time_unit;
using egret::to_sql;
using egret::where;
using D = egret::dialect::clickhouse;

constexpr orders o{};
constexpr payments p{};
constexpr customers c{};
constexpr auto p2 = p.as<"p2">();
constexpr auto o2 = o.as<"o2">();
constexpr cnt k{};
constexpr nums t{};
constexpr words w{};
constexpr events e{};
constexpr codes cd{};
constexpr m ag{};

// --- SELECT, WHERE, GROUP BY, HAVING, LIMIT / OFFSET; placeholders ---
static_assert(to_sql<D>(o.filter(o.status == "shipped").filter(o.order_id > 10).limit(5)) ==
              R"(SELECT * FROM `orders` WHERE `orders`.`status` = ? AND `orders`.`order_id` > ? LIMIT ?)");
static_assert(to_sql<D>(o.order_by(o.order_id).limit(5, 10)) ==
              R"(SELECT * FROM `orders` ORDER BY `orders`.`order_id` LIMIT ? OFFSET ?)");
constexpr auto by_customer = o.group_by(o.customer_id).aggregate(egret::count().as<"n">()).having(egret::count() > 1);
static_assert(to_sql<D>(by_customer.filter(by_customer["n"_c] < 9).select(by_customer["customer_id"_c], (by_customer["n"_c] * 2).as<"n2">())) ==
              R"(SELECT `t0`.`customer_id`, `t0`.`n` * ? AS `n2` FROM (SELECT `orders`.`customer_id`, count(*) AS `n` FROM `orders` GROUP BY `orders`.`customer_id` HAVING count(*) > ?) AS `t0` WHERE `t0`.`n` < ?)");
static_assert(to_sql<D>(p.join(o, o.order_id == p.order_id).select(p.amount.cast<std::int64_t>().as<"a">(), p.payment_id.cast<double>().as<"d">(), p.payment_id.cast<std::string>().as<"s">(), o.order_date.cast<egret::timestamp>().as<"ts">())) ==
              R"(SELECT CAST(`payments`.`amount` AS Int64) AS `a`, CAST(`payments`.`payment_id` AS Float64) AS `d`, CAST(`payments`.`payment_id` AS String) AS `s`, CAST(`orders`.`order_date` AS DateTime64(6)) AS `ts` FROM `payments` INNER JOIN `orders` ON `orders`.`order_id` = `payments`.`order_id`)");
static_assert(to_sql<D>(o.filter(egret::lit<true>)) ==
              R"(SELECT * FROM `orders` WHERE TRUE)");
static_assert(to_sql<D>(o.distinct(o.status, o.customer_id)) ==
              R"(SELECT DISTINCT `orders`.`status`, `orders`.`customer_id` FROM `orders`)");
static_assert(to_sql<D>(o.order_by(o.note.desc().nulls_last(), egret::asc(o.order_id).nulls_first())) ==
              R"(SELECT * FROM `orders` ORDER BY `orders`.`note` DESC NULLS LAST, `orders`.`order_id` NULLS FIRST)");

// --- joins ---
static_assert(to_sql<D>(o.left_join(c, o.customer_id == c.customer_id).select(o.order_id, c.age)) ==
              R"(SELECT `orders`.`order_id`, `customers`.`age` FROM `orders` LEFT JOIN `customers` ON `orders`.`customer_id` = `customers`.`customer_id`)");
static_assert(to_sql<D>(o.right_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT `orders`.`order_id`, `customers`.`name` FROM `orders` RIGHT JOIN `customers` ON `orders`.`customer_id` = `customers`.`customer_id`)");
static_assert(to_sql<D>(o.outer_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT `orders`.`order_id`, `customers`.`name` FROM `orders` FULL OUTER JOIN `customers` ON `orders`.`customer_id` = `customers`.`customer_id`)");
static_assert(to_sql<D>(o.cross_join(c).select(o.order_id, c.name)) ==
              R"(SELECT `orders`.`order_id`, `customers`.`name` FROM `orders` CROSS JOIN `customers`)");
static_assert(to_sql<D>(o.join(o2, o.customer_id == o2.customer_id && o.order_id < o2.order_id).select(o.order_id, o2.order_id.as<"later">())) ==
              R"(SELECT `orders`.`order_id`, `o2`.`order_id` AS `later` FROM `orders` INNER JOIN `orders` AS `o2` ON `orders`.`customer_id` = `o2`.`customer_id` AND `orders`.`order_id` < `o2`.`order_id`)");
static_assert(to_sql<D>(o.semi_join(p, p.order_id == o.order_id && p.amount > 10)) ==
              R"(SELECT * FROM `orders` WHERE EXISTS (SELECT 1 FROM `payments` WHERE `payments`.`order_id` = `orders`.`order_id` AND `payments`.`amount` > ?))");
static_assert(to_sql<D>(o.anti_join(p, p.order_id == o.order_id).select(o.order_id)) ==
              R"(SELECT `orders`.`order_id` FROM `orders` WHERE NOT EXISTS (SELECT 1 FROM `payments` WHERE `payments`.`order_id` = `orders`.`order_id`))");

// --- subqueries: EXISTS, IN, scalar, correlated ---
static_assert(to_sql<D>(o.filter(!egret::exists(p.filter(p.order_id == egret::outer(o.order_id))))) ==
              R"(SELECT * FROM `orders` WHERE NOT EXISTS (SELECT * FROM `payments` WHERE `payments`.`order_id` = `orders`.`order_id`))");
static_assert(to_sql<D>(o.filter(o.order_id.isin(p.filter(p.amount > 10).select(p.order_id)))) ==
              R"(SELECT * FROM `orders` WHERE `orders`.`order_id` IN (SELECT `payments`.`order_id` FROM `payments` WHERE `payments`.`amount` > ?))");
static_assert(to_sql<D>(p.filter(p.amount > egret::scalar(p2.aggregate(p2.amount.mean().as<"m">())))) ==
              R"(SELECT * FROM `payments` WHERE `payments`.`amount` > (SELECT avg(`p2`.`amount`) AS `m` FROM `payments` AS `p2`))");
static_assert(to_sql<D>(p.select(p.payment_id, egret::scalar(p2.filter(p2.order_id == egret::outer(p.order_id)).aggregate(egret::count().as<"n">())).as<"n">())) ==
              R"(SELECT `payments`.`payment_id`, (SELECT count(*) AS `n` FROM `payments` AS `p2` WHERE `p2`.`order_id` = `payments`.`order_id`) AS `n` FROM `payments`)");

// --- set operations ---
static_assert(to_sql<D>(o.select(o.order_id).union_all(p.select(p.order_id))) ==
              R"(SELECT `orders`.`order_id` FROM `orders` UNION ALL SELECT `payments`.`order_id` FROM `payments`)");
static_assert(to_sql<D>(o.select(o.customer_id).union_distinct(c.select(c.customer_id))) ==
              R"(SELECT `orders`.`customer_id` FROM `orders` UNION DISTINCT SELECT `customers`.`customer_id` FROM `customers`)");
static_assert(to_sql<D>(o.select(o.customer_id).intersect(c.select(c.customer_id))) ==
              R"(SELECT `orders`.`customer_id` FROM `orders` INTERSECT DISTINCT SELECT `customers`.`customer_id` FROM `customers`)");
constexpr auto u = o.select(o.order_id).union_all(p.select(p.order_id)).difference(c.select(c.customer_id));
static_assert(to_sql<D>(u.order_by(egret::desc(u["order_id"_c])).limit(5)) ==
              R"(SELECT * FROM (SELECT * FROM (SELECT `orders`.`order_id` FROM `orders` UNION ALL SELECT `payments`.`order_id` FROM `payments`) AS `u1` EXCEPT DISTINCT SELECT `customers`.`customer_id` FROM `customers`) AS `t0` ORDER BY `t0`.`order_id` DESC LIMIT ?)");

// --- CTEs, recursive CTEs, VALUES ---
constexpr auto big = egret::cte<"big">(p.filter(p.amount > 10));
static_assert(to_sql<D>(egret::with(big).query(o.join(big, big["order_id"_c] == o.order_id).select(o.order_id, big["amount"_c]))) ==
              R"(WITH `big` AS (SELECT * FROM `payments` WHERE `payments`.`amount` > ?) SELECT `orders`.`order_id`, `big`.`amount` FROM `orders` INNER JOIN `big` ON `big`.`order_id` = `orders`.`order_id`)");
static_assert(to_sql<D>(egret::with_recursive(egret::cte<cnt>(egret::values<cnt>(std::tuple{1}).union_all(k.filter(k.n < 10).select((k.n + 1).as<"n">())))).query(k.aggregate(k.n.sum().as<"s">()))) ==
              R"(WITH RECURSIVE `cnt` AS (SELECT ? AS `n` UNION ALL SELECT `cnt`.`n` + ? AS `n` FROM `cnt` WHERE `cnt`.`n` < ?) SELECT sum(`cnt`.`n`) AS `s` FROM `cnt`)");
constexpr auto lk = egret::values<lookup>(std::tuple{"a", std::optional<std::string_view>("Alpha")}, std::tuple{"b", std::optional<std::string_view>()});
static_assert(to_sql<D>(o.left_join(lk, lk["code"_c] == o.status).select(o.order_id, lk["label"_c])) ==
              R"(SELECT `orders`.`order_id`, `t1`.`label` FROM `orders` LEFT JOIN (SELECT ? AS `code`, ? AS `label` UNION ALL SELECT ?, ?) AS `t1` ON `t1`.`code` = `orders`.`status`)");

// --- aggregates: FILTER, DISTINCT, group_concat, variances ---
static_assert(to_sql<D>(p.group_by(p.order_id).aggregate(p.amount.sum(where(p.payment_method == str<"coupon">)).as<"coupon">(), egret::count(where(p.amount > 1.0)).as<"n">(), egret::count_distinct(p.payment_method).as<"methods">())) ==
              R"(SELECT `payments`.`order_id`, sumIf(`payments`.`amount`, `payments`.`payment_method` = 'coupon') AS `coupon`, countIf(`payments`.`amount` > ?) AS `n`, count(DISTINCT `payments`.`payment_method`) AS `methods` FROM `payments` GROUP BY `payments`.`order_id`)");
static_assert(to_sql<D>(egret::count(ag.o)) ==
              R"(count(`m`.`o`))");
static_assert(to_sql<D>(ag.o.count(where(ag.ok))) ==
              R"(countIf(`m`.`o`, `m`.`ok`))");
static_assert(to_sql<D>(egret::count_distinct(ag.s, where(ag.ok))) ==
              R"(uniqExactIf(`m`.`s`, `m`.`ok`))");
static_assert(to_sql<D>(egret::any(ag.x > 2.0)) ==
              R"(max(`m`.`x` > ?))");
static_assert(to_sql<D>(ag.ok.all(where(ag.g == 1))) ==
              R"(minIf(`m`.`ok`, `m`.`g` = ?))");
static_assert(to_sql<D>(ag.s.group_concat(", ")) ==
              R"(arrayStringConcat(groupArray(`m`.`s`), ?))");
static_assert(to_sql<D>(ag.s.group_concat()) ==
              R"(arrayStringConcat(groupArray(`m`.`s`), ','))");
static_assert(to_sql<D>(egret::group_concat(ag.s, str<"-">, where(ag.g > 1))) ==
              R"(arrayStringConcat(groupArrayIf(`m`.`s`, `m`.`g` > ?), '-'))");
static_assert(to_sql<D>(ag.x.var()) ==
              R"(varSamp(`m`.`x`))");
static_assert(to_sql<D>(ag.x.var_pop()) ==
              R"(varPop(`m`.`x`))");
static_assert(to_sql<D>(ag.x.std()) ==
              R"(stddevSamp(`m`.`x`))");
static_assert(to_sql<D>(ag.x.std_pop(where(ag.ok))) ==
              R"(stddevPopIf(`m`.`x`, `m`.`ok`))");
static_assert(to_sql<D>(ag.x.mean(where(ag.ok))) ==
              R"(avgIf(`m`.`x`, `m`.`ok`))");
static_assert(to_sql<D>(ag.i.min()) ==
              R"(min(`m`.`i`))");

// --- windows ---
static_assert(to_sql<D>(o.select(o.order_id, egret::row_number().over(egret::window().partition_by(o.customer_id).order_by(o.order_date.desc(), o.order_id)).as<"rn">(), egret::rank().over(egret::order_by(o.order_date)).as<"rk">(), egret::dense_rank().over(egret::order_by(egret::desc(o.order_date))).as<"drk">(), egret::percent_rank().over(egret::partition_by(o.status).order_by(o.order_id)).as<"pr">(), egret::cume_dist().over(egret::order_by(o.order_id)).as<"cd">())) ==
              R"(SELECT `orders`.`order_id`, ROW_NUMBER() OVER (PARTITION BY `orders`.`customer_id` ORDER BY `orders`.`order_date` DESC, `orders`.`order_id`) AS `rn`, RANK() OVER (ORDER BY `orders`.`order_date`) AS `rk`, DENSE_RANK() OVER (ORDER BY `orders`.`order_date` DESC) AS `drk`, PERCENT_RANK() OVER (PARTITION BY `orders`.`status` ORDER BY `orders`.`order_id`) AS `pr`, CUME_DIST() OVER (ORDER BY `orders`.`order_id`) AS `cd` FROM `orders`)");
static_assert(to_sql<D>(o.select(egret::row_number().over(egret::order_by(o.note.desc().nulls_last(), o.order_id)).as<"rn">())) ==
              R"(SELECT ROW_NUMBER() OVER (ORDER BY `orders`.`note` DESC NULLS LAST, `orders`.`order_id`) AS `rn` FROM `orders`)");
static_assert(to_sql<D>(p.select(egret::ntile(egret::lit<4>).over(egret::order_by(p.amount)).as<"q">(), egret::ntile(3).over().as<"t">())) ==
              R"(SELECT NTILE(4) OVER (ORDER BY `payments`.`amount`) AS `q`, NTILE(?) OVER () AS `t` FROM `payments`)");
static_assert(to_sql<D>(p.select(p.amount.lag().over(egret::order_by(p.payment_id)).as<"prev">(), egret::lag(p.amount, egret::lit<2>, 0.0).over(egret::partition_by(p.order_id).order_by(p.payment_id)).as<"prev2">(), p.payment_method.lead(1, egret::str<"none">).over(egret::order_by(p.payment_id)).as<"next">())) ==
              R"(SELECT LAG(`payments`.`amount`) OVER (ORDER BY `payments`.`payment_id`) AS `prev`, LAG(`payments`.`amount`, 2, ?) OVER (PARTITION BY `payments`.`order_id` ORDER BY `payments`.`payment_id`) AS `prev2`, LEAD(`payments`.`payment_method`, ?, 'none') OVER (ORDER BY `payments`.`payment_id`) AS `next` FROM `payments`)");
static_assert(to_sql<D>(p.select(p.amount.first_value().over(egret::partition_by(p.order_id).order_by(p.amount)).as<"lo">(), p.amount.last_value().over(egret::partition_by(p.order_id).order_by(p.amount).rows(egret::unbounded_preceding(), egret::unbounded_following())).as<"hi">(), p.amount.nth_value(egret::lit<2>).over(egret::order_by(p.amount)).as<"second">())) ==
              R"(SELECT FIRST_VALUE(`payments`.`amount`) OVER (PARTITION BY `payments`.`order_id` ORDER BY `payments`.`amount`) AS `lo`, LAST_VALUE(`payments`.`amount`) OVER (PARTITION BY `payments`.`order_id` ORDER BY `payments`.`amount` ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `hi`, NTH_VALUE(`payments`.`amount`, 2) OVER (ORDER BY `payments`.`amount`) AS `second` FROM `payments`)");
static_assert(to_sql<D>(p.select(p.amount.sum().over(egret::partition_by(p.order_id).order_by(p.payment_id)).as<"running">(), p.amount.mean().over(egret::order_by(p.payment_id).rows(egret::preceding<2>(), egret::current_row())).as<"avg3">(), p.amount.max().over(egret::order_by(p.amount).range(egret::preceding(0.5), egret::following(0.5))).as<"near">())) ==
              R"(SELECT sum(`payments`.`amount`) OVER (PARTITION BY `payments`.`order_id` ORDER BY `payments`.`payment_id`) AS `running`, avg(`payments`.`amount`) OVER (ORDER BY `payments`.`payment_id` ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS `avg3`, max(`payments`.`amount`) OVER (ORDER BY `payments`.`amount` RANGE BETWEEN ? PRECEDING AND ? FOLLOWING) AS `near` FROM `payments`)");
static_assert(to_sql<D>(p.select(p.amount.sum(egret::where(p.payment_method == egret::str<"coupon">)).over(egret::partition_by(p.order_id)).as<"coupon">(), egret::count().over().as<"n">())) ==
              R"(SELECT sumIf(`payments`.`amount`, `payments`.`payment_method` = 'coupon') OVER (PARTITION BY `payments`.`order_id`) AS `coupon`, count(*) OVER () AS `n` FROM `payments`)");
static_assert(to_sql<D>(p.select(egret::var_samp(p.amount).over(egret::partition_by(p.order_id)).as<"v">())) ==
              R"(SELECT varSamp(`payments`.`amount`) OVER (PARTITION BY `payments`.`order_id`) AS `v` FROM `payments`)");
static_assert(to_sql<D>(p.select(p.amount.cumsum(egret::order_by(p.payment_id)).as<"cs">(), egret::cummin(p.amount, egret::order_by(p.payment_id)).as<"lo">())) ==
              R"(SELECT sum(`payments`.`amount`) OVER (ORDER BY `payments`.`payment_id` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `cs`, min(`payments`.`amount`) OVER (ORDER BY `payments`.`payment_id` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `lo` FROM `payments`)");
constexpr auto ranked = o.mutate(egret::row_number().over(egret::partition_by(o.customer_id).order_by(o.order_date.desc())).as<"rn">());
static_assert(to_sql<D>(ranked.filter(ranked["rn"_c] <= 2)) ==
              R"(SELECT * FROM (SELECT `orders`.`order_id`, `orders`.`customer_id`, `orders`.`order_date`, `orders`.`status`, `orders`.`note`, ROW_NUMBER() OVER (PARTITION BY `orders`.`customer_id` ORDER BY `orders`.`order_date` DESC) AS `rn` FROM `orders`) AS `t0` WHERE `t0`.`rn` <= ?)");
static_assert(to_sql<D>(p.group_by(p.order_id).aggregate(p.amount.sum().as<"total">(), egret::rank().over(egret::order_by(p.amount.sum().desc())).as<"rk">())) ==
              R"(SELECT `payments`.`order_id`, sum(`payments`.`amount`) AS `total`, RANK() OVER (ORDER BY sum(`payments`.`amount`) DESC) AS `rk` FROM `payments` GROUP BY `payments`.`order_id`)");

// --- numeric functions and operators ---
static_assert(to_sql<D>(egret::abs(t.x)) ==
              R"(abs(`nums`.`x`))");
static_assert(to_sql<D>(t.x.ceil()) ==
              R"(ceil(`nums`.`x`))");
static_assert(to_sql<D>(t.x.floor()) ==
              R"(floor(`nums`.`x`))");
static_assert(to_sql<D>(t.x.round()) ==
              R"(toFloat64(round(toDecimal128(`nums`.`x`, 18))))");
static_assert(to_sql<D>(t.x.round(2)) ==
              R"(toFloat64(round(toDecimal128(`nums`.`x`, 18), ?)))");
static_assert(to_sql<D>(egret::round(t.i, 1)) ==
              R"(round(`nums`.`i`, ?))");
static_assert(to_sql<D>(t.x.sign()) ==
              R"(sign(`nums`.`x`))");
static_assert(to_sql<D>(egret::sqrt(t.x + 1)) ==
              R"(sqrt(`nums`.`x` + ?))");
static_assert(to_sql<D>(t.x.exp()) ==
              R"(exp(`nums`.`x`))");
static_assert(to_sql<D>(t.x.ln()) ==
              R"(ln(`nums`.`x`))");
static_assert(to_sql<D>(t.x.log10()) ==
              R"(log10(`nums`.`x`))");
static_assert(to_sql<D>(egret::log(2, t.x)) ==
              R"((log(`nums`.`x`) / log(?)))");
static_assert(to_sql<D>(egret::power(t.x, 2)) ==
              R"(power(`nums`.`x`, ?))");
static_assert(to_sql<D>(egret::mod(t.x, 2)) ==
              R"(mod(`nums`.`x`, ?))");
static_assert(to_sql<D>(egret::mod(t.i, egret::lit<3>)) ==
              R"(mod(`nums`.`i`, 3))");
static_assert(to_sql<D>(egret::greatest(t.x, t.y, 0.0)) ==
              R"(greatest(`nums`.`x`, `nums`.`y`, ?))");
static_assert(to_sql<D>(egret::least(t.i, t.k)) ==
              R"(least(`nums`.`i`, `nums`.`k`))");
static_assert(to_sql<D>(t.x.clip(0.0, 10.0)) ==
              R"(least(greatest(`nums`.`x`, ?), ?))");
static_assert(to_sql<D>(t.i / 2) ==
              R"(intDiv(`nums`.`i`, ?))");
static_assert(to_sql<D>((t.i + 1) / (t.k - 1) * 2) ==
              R"(intDiv(`nums`.`i` + ?, `nums`.`k` - ?) * ?)");
static_assert(to_sql<D>(t.i % 3) ==
              R"(`nums`.`i` % ?)");
static_assert(to_sql<D>(egret::truediv(t.i, 2)) ==
              R"(CAST(`nums`.`i` AS Float64) / ?)");
static_assert(to_sql<D>(egret::floordiv(t.i, 2)) ==
              R"(CAST(floor(CAST(`nums`.`i` AS Float64) / ?) AS Int64))");
static_assert(to_sql<D>(egret::floordiv(t.x, 2)) ==
              R"(floor(`nums`.`x` / ?))");
static_assert(to_sql<D>(t.x / t.i) ==
              R"(`nums`.`x` / `nums`.`i`)");

// --- text functions ---
static_assert(to_sql<D>(w.s.length()) ==
              R"(lengthUTF8(`words`.`s`))");
static_assert(to_sql<D>(egret::lower(w.s)) ==
              R"(lower(`words`.`s`))");
static_assert(to_sql<D>(w.s.upper()) ==
              R"(upper(`words`.`s`))");
static_assert(to_sql<D>(w.s.strip()) ==
              R"(trim(`words`.`s`))");
static_assert(to_sql<D>(w.s.lstrip()) ==
              R"(trimLeft(`words`.`s`))");
static_assert(to_sql<D>(w.s.rstrip()) ==
              R"(trimRight(`words`.`s`))");
static_assert(to_sql<D>(w.s.lpad(5, "*")) ==
              R"(leftPadUTF8(`words`.`s`, ?, ?))");
static_assert(to_sql<D>(w.s.rpad(lit<5>)) ==
              R"(rightPadUTF8(`words`.`s`, 5, ' '))");
static_assert(to_sql<D>(w.s.substr(2)) ==
              R"(substringUTF8(`words`.`s`, ?))");
static_assert(to_sql<D>(w.s.substr(2, lit<3>)) ==
              R"(substringUTF8(`words`.`s`, ?, 3))");
static_assert(to_sql<D>(w.s.left(2)) ==
              R"(leftUTF8(`words`.`s`, ?))");
static_assert(to_sql<D>(w.s.right(2)) ==
              R"(rightUTF8(`words`.`s`, ?))");
static_assert(to_sql<D>(w.s.replace("l", str<"L">)) ==
              R"(replaceAll(`words`.`s`, ?, 'L'))");
static_assert(to_sql<D>(w.s.repeat(3)) ==
              R"(repeat(`words`.`s`, ?))");
static_assert(to_sql<D>(w.s.contains("ell")) ==
              R"(positionUTF8(`words`.`s`, ?) > 0)");
static_assert(to_sql<D>(w.s.startswith("He")) ==
              R"(startsWith(`words`.`s`, ?))");
static_assert(to_sql<D>(w.s.endswith("lo")) ==
              R"(endsWith(`words`.`s`, ?))");
static_assert(to_sql<D>(w.s.find("l")) ==
              R"(positionUTF8(`words`.`s`, ?) - 1)");
static_assert(to_sql<D>(w.s.ilike("he%")) ==
              R"(`words`.`s` ILIKE ?)");
static_assert(to_sql<D>(egret::concat(w.s, str<"-">, w.t)) ==
              R"(`words`.`s` || '-' || `words`.`t`)");
static_assert(to_sql<D>(w.s + w.s) ==
              R"(`words`.`s` || `words`.`s`)");
static_assert(to_sql<D>(w.s.reverse()) ==
              R"(reverseUTF8(`words`.`s`))");
static_assert(to_sql<D>(w.filter(!w.s.contains("x") && w.s.upper().startswith(str<"H">)).select(w.id)) ==
              R"(SELECT `words`.`id` FROM `words` WHERE NOT positionUTF8(`words`.`s`, ?) > 0 AND startsWith(upper(`words`.`s`), 'H'))");

// --- NULL handling and conditionals ---
static_assert(to_sql<D>(egret::nullif(t.x, 0.0)) ==
              R"(nullif(`nums`.`x`, ?))");
static_assert(to_sql<D>(t.y.fill_null(0.0)) ==
              R"(COALESCE(`nums`.`y`, ?))");
static_assert(to_sql<D>(t.y.identical_to(t.x)) ==
              R"(`nums`.`y` IS NOT DISTINCT FROM `nums`.`x`)");
static_assert(to_sql<D>(egret::case_(w.s).when(str<"a">, lit<1>).when(str<"b">, lit<2>).otherwise(lit<0>)) ==
              R"(CASE `words`.`s` WHEN 'a' THEN 1 WHEN 'b' THEN 2 ELSE 0 END)");
static_assert(to_sql<D>(t.n.is_null()) ==
              R"(`nums`.`n` IS NULL)");
static_assert(to_sql<D>(egret::if_else(t.x > 0.0, str<"pos">, str<"neg">)) ==
              R"(CASE WHEN `nums`.`x` > ? THEN 'pos' ELSE 'neg' END)");

// --- dates and times ---
static_assert(to_sql<D>(e.select(e.d.year().as<"y">(), e.d.quarter().as<"q">(), e.d.month().as<"m">(), e.d.day().as<"dd">(), e.d.day_of_week().as<"dow">(), e.d.day_of_year().as<"doy">())) ==
              R"(SELECT toYear(`events`.`d`) AS `y`, toQuarter(`events`.`d`) AS `q`, toMonth(`events`.`d`) AS `m`, toDayOfMonth(`events`.`d`) AS `dd`, (toDayOfWeek(`events`.`d`) - 1) AS `dow`, toDayOfYear(`events`.`d`) AS `doy` FROM `events`)");
static_assert(to_sql<D>(e.select(e.ts.hour().as<"h">(), e.ts.minute().as<"mi">(), e.ts.second().as<"s">())) ==
              R"(SELECT toHour(`events`.`ts`) AS `h`, toMinute(`events`.`ts`) AS `mi`, toSecond(`events`.`ts`) AS `s` FROM `events`)");
static_assert(to_sql<D>(e.select(e.d.truncate<time_unit::year>().as<"y">(), egret::truncate<time_unit::quarter>(e.d).as<"q">(), e.d.truncate<time_unit::month>().as<"m">(), e.d.truncate<time_unit::week>().as<"w">(), e.d.truncate<time_unit::day>().as<"dd">())) ==
              R"(SELECT toStartOfYear(`events`.`d`) AS `y`, toStartOfQuarter(`events`.`d`) AS `q`, toStartOfMonth(`events`.`d`) AS `m`, toMonday(`events`.`d`) AS `w`, `events`.`d` AS `dd` FROM `events`)");
static_assert(to_sql<D>(e.select(e.ts.truncate<time_unit::month>().as<"m">(), e.ts.truncate<time_unit::week>().as<"w">(), e.ts.truncate<time_unit::day>().as<"dd">(), e.ts.truncate<time_unit::hour>().as<"h">(), e.ts.truncate<time_unit::minute>().as<"mi">(), e.ts.truncate<time_unit::second>().as<"s">())) ==
              R"(SELECT toDateTime64(toStartOfMonth(`events`.`ts`), 6) AS `m`, toDateTime64(toMonday(`events`.`ts`), 6) AS `w`, toDateTime64(toStartOfDay(`events`.`ts`), 6) AS `dd`, toDateTime64(toStartOfHour(`events`.`ts`), 6) AS `h`, toDateTime64(toStartOfMinute(`events`.`ts`), 6) AS `mi`, toDateTime64(toStartOfSecond(`events`.`ts`), 6) AS `s` FROM `events`)");
static_assert(to_sql<D>(e.select(egret::add_days(e.d, 3).as<"a">(), (e.d - egret::days(e.n)).as<"b">(), (e.d + egret::weeks(e.n + 1)).as<"c">(), egret::add_months(e.d, -1).as<"m">(), (egret::years(egret::lit<2>) + e.d).as<"y">())) ==
              R"(SELECT addDays(`events`.`d`, ?) AS `a`, subtractDays(`events`.`d`, `events`.`n`) AS `b`, addWeeks(`events`.`d`, `events`.`n` + ?) AS `c`, addMonths(`events`.`d`, ?) AS `m`, addYears(`events`.`d`, 2) AS `y` FROM `events`)");
static_assert(to_sql<D>(e.select(egret::add_hours(e.ts, e.n * 24).as<"h">(), (e.ts - egret::minutes(90)).as<"m">(), egret::add_seconds(e.ts, 1).as<"s">())) ==
              R"(SELECT addHours(`events`.`ts`, `events`.`n` * ?) AS `h`, subtractMinutes(`events`.`ts`, ?) AS `m`, addSeconds(`events`.`ts`, ?) AS `s` FROM `events`)");
static_assert(to_sql<D>(e.filter(egret::days_between(e.d, e.od) > 30).select(e.id, egret::days_between(e.ts, egret::current_timestamp()).as<"age">())) ==
              R"(SELECT `events`.`id`, intDiv(dateDiff('second', `events`.`ts`, toDateTime64(now('UTC'), 6)), 86400) AS `age` FROM `events` WHERE dateDiff('day', `events`.`d`, `events`.`od`) > ?)");
static_assert(to_sql<D>(e.select(e.d.strftime<"%Y-%m">().as<"ym">(), egret::strftime<"%d/%m/%Y %H:%M:%S day %j, 100%%">(e.ts).as<"f">())) ==
              R"(SELECT formatDateTime(`events`.`d`, '%Y-%m') AS `ym`, formatDateTime(`events`.`ts`, '%d/%m/%Y %H:%i:%S day %j, 100%%') AS `f` FROM `events`)");
static_assert(to_sql<D>(e.filter(e.d < egret::current_date()).select(e.id)) ==
              R"(SELECT `events`.`id` FROM `events` WHERE `events`.`d` < toDate(now('UTC')))");
static_assert(to_sql<D>(e.group_by(e.d.truncate<time_unit::month>().as<"month">()).aggregate(egret::count().as<"n">())) ==
              R"(SELECT toStartOfMonth(`events`.`d`) AS `month`, count(*) AS `n` FROM `events` GROUP BY toStartOfMonth(`events`.`d`))");

// --- regular expressions ---
static_assert(to_sql<D>(cd.filter(egret::re_search(cd.code, "^[a-z]+-[0-9]+$")).select(cd.id)) ==
              R"(SELECT `codes`.`id` FROM `codes` WHERE match(`codes`.`code`, ?))");
static_assert(to_sql<D>(cd.filter(!cd.code.re_search(egret::str<"x">) && cd.id > 1).select(cd.id)) ==
              R"(SELECT `codes`.`id` FROM `codes` WHERE NOT match(`codes`.`code`, 'x') AND `codes`.`id` > ?)");
static_assert(to_sql<D>(egret::re_extract(cd.code, egret::str<"([a-z]+)-([0-9]+)">, 2)) ==
              R"(nullIf(regexpExtract(`codes`.`code`, '([a-z]+)-([0-9]+)', ?), ''))");
static_assert(to_sql<D>(cd.code.re_replace("[0-9]", egret::str<"#">)) ==
              R"(replaceRegexpAll(`codes`.`code`, ?, '#'))");

// --- INSERT, UPDATE, DELETE ---
static_assert(to_sql<D>(egret::insert_into(c).values(1, "Ann", std::nullopt).values(2, egret::str<"Bob">, egret::lit<4>)) ==
              R"(INSERT INTO `customers` (`customer_id`, `name`, `age`) VALUES (?, ?, NULL), (?, 'Bob', 4))");
constexpr std::array<std::tuple<int, char const*>, 2> two{{{1, "a"}, {2, "b"}}};
static_assert(to_sql<D>(egret::insert_into(c, c.customer_id, c.name).rows(two)) ==
              R"(INSERT INTO `customers` (`customer_id`, `name`) VALUES (?, ?), (?, ?))");
static_assert(to_sql<D>(egret::insert_into(c, c.customer_id, c.name).from(o.filter(o.order_id > 5).select(o.customer_id, o.status.as<"name">()))) ==
              R"(INSERT INTO `customers` (`customer_id`, `name`) SELECT `orders`.`customer_id`, `orders`.`status` AS `name` FROM `orders` WHERE `orders`.`order_id` > ?)");
static_assert(to_sql<D>(egret::delete_from(o).where(o.status == "x").where(o.order_id > 5)) ==
              R"(DELETE FROM `orders` WHERE `orders`.`status` = ? AND `orders`.`order_id` > ?)");
static_assert(to_sql<D>(egret::delete_from(o).all()) ==
              R"(DELETE FROM `orders` WHERE TRUE)");

// --- DDL ---
static_assert(egret::create_table_sql<D, orders>() ==
              R"(CREATE TABLE `orders` (`order_id` Int64, `customer_id` Int64, `order_date` Date, `status` String, `note` Nullable(String)) ENGINE = MergeTree ORDER BY tuple())");
static_assert(egret::create_table_sql<D, order_lines>() ==
              R"(CREATE TABLE `order_lines` (`order_id` Int64, `line_no` Int32, `amount` Float64, `shipped_at` Nullable(DateTime64(6))) ENGINE = MergeTree ORDER BY (`order_id`, `line_no`))");
static_assert(egret::insert_sql<D, customers>() ==
              R"(INSERT INTO `customers` (`customer_id`, `name`, `age`) VALUES (?, ?, ?))");
}  // namespace

TEST_CASE("golden clickhouse: views inline captured values as literals, run-time text is the compile-time text", "[golden][clickhouse]") {
  constexpr order_lines ol{};
  CHECK(egret::render_sql_inline<D>(o.filter(o.status == std::string("it's") && o.order_date > egret::date{2018, 1, 2} && o.order_id > 3).select(o.order_id, (o.order_id * 2.5).as<"x">())) ==
        R"(SELECT `orders`.`order_id`, `orders`.`order_id` * 2.5 AS `x` FROM `orders` WHERE `orders`.`status` = 'it''s' AND `orders`.`order_date` > toDate('2018-01-02') AND `orders`.`order_id` > 3)");
  CHECK(egret::render_sql_inline<D>(ol.filter(ol.shipped_at < egret::timestamp{egret::date{2018, 1, 2}, 3, 4, 5} && ol.amount > 1.5).select(ol.order_id)) ==
        R"(SELECT `order_lines`.`order_id` FROM `order_lines` WHERE `order_lines`.`shipped_at` < toDateTime64('2018-01-02 03:04:05', 6) AND `order_lines`.`amount` > 1.5)");
  CHECK(egret::render_sql_inline<D>(cd.filter(cd.code.re_search(std::string("^a\\d")) && cd.id != 7).select(cd.id)) ==
        R"(SELECT `codes`.`id` FROM `codes` WHERE match(`codes`.`code`, '^a\\d') AND `codes`.`id` <> 7)");
  auto const q = o.filter(o.order_id > std::int64_t{3}).select(o.order_id).limit(2);
  CHECK(egret::render_sql<D>(q) == to_sql<D>(q));
}
