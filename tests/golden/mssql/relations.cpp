// Golden SQL of the relational vocabulary, statements and DDL for the SQL Server (T-SQL, 2019+) dialect (render-only):
// each static_assert is checked by the compiler (docs/dialects.md, "SQL Server (T-SQL, 2019+)").
#include <catch2/catch.hpp>

#include <array>
#include <tuple>

#include <egret/dialect/mssql.hpp>

#include "../schema.hpp"

namespace golden_mssql {
EGRET_TABLE(cnt, (n, std::int64_t));
EGRET_TABLE(lookup, (code, std::string), (label, std::optional<std::string>));
EGRET_TABLE(m, (g, std::int64_t), (x, double), (i, std::int64_t), (s, std::string), (ok, bool), (o, std::optional<double>));
EGRET_TABLE(events, (id, std::int64_t), (d, egret::date), (ts, egret::timestamp), (n, std::int32_t),
            (od, std::optional<egret::date>));
}  // namespace golden_mssql

namespace {
using namespace golden;
using namespace golden_mssql;
using namespace egret::literals;
using egret::lit;
using egret::str;
using egret::time_unit;
using egret::to_sql;
using egret::where;
using D = egret::dialect::mssql;

[[maybe_unused]] constexpr orders o{};
[[maybe_unused]] constexpr payments p{};
[[maybe_unused]] constexpr customers c{};
[[maybe_unused]] constexpr m t{};
[[maybe_unused]] constexpr events e{};
[[maybe_unused]] constexpr auto p2 = p.as<"p2">();
[[maybe_unused]] constexpr auto o2 = o.as<"o2">();
[[maybe_unused]] constexpr cnt k{};
constexpr auto by_customer = o.group_by(o.customer_id).aggregate(egret::count().as<"n">());
constexpr auto first3 = o.select(o.order_id).limit(3);
constexpr auto big = egret::cte<"big">(p.filter(p.amount > 10));
[[maybe_unused]] constexpr std::array<std::tuple<int, char const*>, 3> three{{{1, "a"}, {2, "b"}, {3, "c"}}};
[[maybe_unused]] constexpr auto paid = p.filter(p.amount > 0.0).group_by(p.order_id).aggregate(p.amount.sum().as<"total">());

// ---- SELECT: filters, CASE, CAST, aggregates, GROUP BY, ORDER BY, LIMIT, joins, subqueries, set operations,
// CTEs, VALUES, NULLS FIRST/LAST, BOOLEAN columns in conditions ----
static_assert(to_sql<D>(o.select(o.order_id, o.status.as<"s">())) ==
              R"(SELECT [orders].[order_id], [orders].[status] AS [s] FROM [orders])");
static_assert(to_sql<D>(o.filter(o.status == "shipped").filter(o.order_id > 10)) ==
              R"(SELECT * FROM [orders] WHERE [orders].[status] = ? AND [orders].[order_id] > ?)");
static_assert(to_sql<D>(o.filter(o.status == str<"it's">)) ==
              R"(SELECT * FROM [orders] WHERE [orders].[status] = N'it''s')");
static_assert(to_sql<D>(o.filter((o.order_id == 1 || o.order_id == 2) && o.status != "x")) ==
              R"(SELECT * FROM [orders] WHERE ([orders].[order_id] = ? OR [orders].[order_id] = ?) AND [orders].[status] <> ?)");
static_assert(to_sql<D>(p.select(((p.amount + 1) * 2 - p.amount / 4).as<"x">())) ==
              R"(SELECT ([payments].[amount] + ?) * ? - [payments].[amount] / ? AS [x] FROM [payments])");
static_assert(to_sql<D>(o.filter(o.note.is_null() || !o.note.like("%gift%"))) ==
              R"(SELECT * FROM [orders] WHERE [orders].[note] IS NULL OR NOT [orders].[note] LIKE ?)");
static_assert(to_sql<D>(o.select(egret::coalesce(o.note, str<"-">).as<"n">())) ==
              R"(SELECT COALESCE([orders].[note], N'-') AS [n] FROM [orders])");
static_assert(to_sql<D>(o.select(egret::if_else(o.order_id > 5, str<"big">, str<"small">).as<"size">())) ==
              R"(SELECT CASE WHEN [orders].[order_id] > ? THEN N'big' ELSE N'small' END AS [size] FROM [orders])");
static_assert(to_sql<D>(o.select(egret::cases(egret::when(o.order_id < 5, lit<1>), egret::when(o.order_id < 10, lit<2>)).as<"bucket">())) ==
              R"(SELECT CASE WHEN [orders].[order_id] < ? THEN 1 WHEN [orders].[order_id] < ? THEN 2 END AS [bucket] FROM [orders])");
static_assert(to_sql<D>(p.select(p.amount.cast<std::int64_t>().as<"a">(), p.payment_id.cast<double>().as<"d">(), p.amount.cast<std::string>().as<"t">())) ==
              R"(SELECT CAST([payments].[amount] AS BIGINT) AS [a], CAST([payments].[payment_id] AS FLOAT) AS [d], CAST([payments].[amount] AS NVARCHAR(MAX)) AS [t] FROM [payments])");
static_assert(to_sql<D>(o.filter(o.status.isin(str<"placed">, str<"shipped">) && o.order_id.between(1, 9))) ==
              R"(SELECT * FROM [orders] WHERE [orders].[status] IN (N'placed', N'shipped') AND [orders].[order_id] BETWEEN ? AND ?)");
static_assert(to_sql<D>(c.select((c.name + str<"!">).as<"shout">())) ==
              R"(SELECT [customers].[name] + N'!' AS [shout] FROM [customers])");
static_assert(to_sql<D>(o.filter(egret::lit<true>)) ==
              R"(SELECT * FROM [orders] WHERE 1 = 1)");
static_assert(to_sql<D>(o.select(o.order_id, (o.order_id > 3).as<"big">(), o.note.is_null().as<"no_note">())) ==
              R"(SELECT [orders].[order_id], CASE WHEN [orders].[order_id] > ? THEN 1 WHEN NOT ([orders].[order_id] > ?) THEN 0 END AS [big], CASE WHEN [orders].[note] IS NULL THEN 1 WHEN NOT ([orders].[note] IS NULL) THEN 0 END AS [no_note] FROM [orders])");
static_assert(to_sql<D>(o.filter(o.order_id == egret::param<"id", std::int64_t>)) ==
              R"(SELECT * FROM [orders] WHERE [orders].[order_id] = ?)");
static_assert(to_sql<D>(p.group_by(p.order_id).aggregate(p.amount.sum(where(p.payment_method == str<"coupon">)).as<"coupon">(), egret::count().as<"n">(), p.payment_method.count_distinct().as<"methods">())) ==
              R"(SELECT [payments].[order_id], SUM(CASE WHEN [payments].[payment_method] = N'coupon' THEN [payments].[amount] END) AS [coupon], COUNT(*) AS [n], COUNT(DISTINCT [payments].[payment_method]) AS [methods] FROM [payments] GROUP BY [payments].[order_id])");
static_assert(to_sql<D>(p.aggregate(egret::count(where(p.amount > 1)).as<"n">())) ==
              R"(SELECT COUNT(CASE WHEN [payments].[amount] > ? THEN 1 END) AS [n] FROM [payments])");
static_assert(to_sql<D>(o.group_by(o.customer_id).aggregate(egret::count().as<"n">()).having(egret::count() > 1)) ==
              R"(SELECT [orders].[customer_id], COUNT(*) AS [n] FROM [orders] GROUP BY [orders].[customer_id] HAVING COUNT(*) > ?)");
static_assert(to_sql<D>(p.aggregate(p.amount.mean().as<"avg">(), p.amount.min().as<"lo">(), p.amount.max().as<"hi">())) ==
              R"(SELECT AVG([payments].[amount]) AS [avg], MIN([payments].[amount]) AS [lo], MAX([payments].[amount]) AS [hi] FROM [payments])");
static_assert(to_sql<D>(o.select(o.customer_id).distinct().order_by(o.customer_id.desc()).limit(5, 10)) ==
              R"(SELECT DISTINCT [orders].[customer_id] FROM [orders] ORDER BY [orders].[customer_id] DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY)");
static_assert(to_sql<D>(o.select(o.order_id).limit(3)) ==
              R"(SELECT TOP (?) [orders].[order_id] FROM [orders])");
static_assert(to_sql<D>(o.select(o.order_id).limit(3, 6)) ==
              R"(SELECT [orders].[order_id] FROM [orders] ORDER BY (SELECT NULL) OFFSET ? ROWS FETCH NEXT ? ROWS ONLY)");
static_assert(to_sql<D>(o.group_by(o.customer_id).aggregate(egret::count().as<"n">()).order_by(o.customer_id)) ==
              R"(SELECT [orders].[customer_id], COUNT(*) AS [n] FROM [orders] GROUP BY [orders].[customer_id] ORDER BY [orders].[customer_id])");
static_assert(to_sql<D>(o.join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT [orders].[order_id], [customers].[name] FROM [orders] INNER JOIN [customers] ON [orders].[customer_id] = [customers].[customer_id])");
static_assert(to_sql<D>(o.left_join(c, o.customer_id == c.customer_id).select(o.order_id, c.age)) ==
              R"(SELECT [orders].[order_id], [customers].[age] FROM [orders] LEFT JOIN [customers] ON [orders].[customer_id] = [customers].[customer_id])");
static_assert(to_sql<D>(o.right_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT [orders].[order_id], [customers].[name] FROM [orders] RIGHT JOIN [customers] ON [orders].[customer_id] = [customers].[customer_id])");
static_assert(to_sql<D>(o.outer_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT [orders].[order_id], [customers].[name] FROM [orders] FULL OUTER JOIN [customers] ON [orders].[customer_id] = [customers].[customer_id])");
static_assert(to_sql<D>(o.cross_join(c).select(o.order_id, c.name)) ==
              R"(SELECT [orders].[order_id], [customers].[name] FROM [orders] CROSS JOIN [customers])");
static_assert(to_sql<D>(o.join(o2, o.customer_id == o2.customer_id && o.order_id < o2.order_id).select(o.order_id, o2.order_id.as<"later">())) ==
              R"(SELECT [orders].[order_id], [o2].[order_id] AS [later] FROM [orders] INNER JOIN [orders] AS [o2] ON [orders].[customer_id] = [o2].[customer_id] AND [orders].[order_id] < [o2].[order_id])");
static_assert(to_sql<D>(by_customer.filter(by_customer["n"_c] > 2)) ==
              R"(SELECT * FROM (SELECT [orders].[customer_id], COUNT(*) AS [n] FROM [orders] GROUP BY [orders].[customer_id]) AS [t0] WHERE [t0].[n] > ?)");
static_assert(to_sql<D>(c.left_join(by_customer.as<"bc">(), c.customer_id == by_customer["customer_id"_c]).select(c.name, by_customer["n"_c])) ==
              R"(SELECT [customers].[name], [bc].[n] FROM [customers] LEFT JOIN (SELECT [orders].[customer_id], COUNT(*) AS [n] FROM [orders] GROUP BY [orders].[customer_id]) AS [bc] ON [customers].[customer_id] = [bc].[customer_id])");
static_assert(to_sql<D>(c.mutate((c.customer_id * 10).as<"x">())) ==
              R"(SELECT [customers].[customer_id], [customers].[name], [customers].[age], [customers].[customer_id] * ? AS [x] FROM [customers])");
static_assert(to_sql<D>(first3.filter(first3["order_id"_c] > 1)) ==
              R"(SELECT * FROM (SELECT TOP (?) [orders].[order_id] FROM [orders]) AS [t0] WHERE [t0].[order_id] > ?)");
static_assert(to_sql<D>(o.semi_join(p, p.order_id == o.order_id && p.amount > 10)) ==
              R"(SELECT * FROM [orders] WHERE EXISTS (SELECT 1 FROM [payments] WHERE [payments].[order_id] = [orders].[order_id] AND [payments].[amount] > ?))");
static_assert(to_sql<D>(o.anti_join(p, p.order_id == o.order_id).select(o.order_id)) ==
              R"(SELECT [orders].[order_id] FROM [orders] WHERE NOT EXISTS (SELECT 1 FROM [payments] WHERE [payments].[order_id] = [orders].[order_id]))");
static_assert(to_sql<D>(o.filter(egret::exists(p.filter(p.order_id == egret::outer(o.order_id))))) ==
              R"(SELECT * FROM [orders] WHERE EXISTS (SELECT * FROM [payments] WHERE [payments].[order_id] = [orders].[order_id]))");
static_assert(to_sql<D>(o.filter(!egret::exists(p.filter(p.order_id == egret::outer(o.order_id))))) ==
              R"(SELECT * FROM [orders] WHERE NOT EXISTS (SELECT * FROM [payments] WHERE [payments].[order_id] = [orders].[order_id]))");
static_assert(to_sql<D>(o.filter(o.order_id.isin(p.filter(p.amount > 10).select(p.order_id)))) ==
              R"(SELECT * FROM [orders] WHERE [orders].[order_id] IN (SELECT [payments].[order_id] FROM [payments] WHERE [payments].[amount] > ?))");
static_assert(to_sql<D>(p.filter(p.amount > egret::scalar(p2.aggregate(p2.amount.mean().as<"m">())))) ==
              R"(SELECT * FROM [payments] WHERE [payments].[amount] > (SELECT AVG([p2].[amount]) AS [m] FROM [payments] AS [p2]))");
static_assert(to_sql<D>(p.select(p.payment_id, egret::scalar(p2.filter(p2.order_id == egret::outer(p.order_id)).aggregate(egret::count().as<"n">())).as<"n">())) ==
              R"(SELECT [payments].[payment_id], (SELECT COUNT(*) AS [n] FROM [payments] AS [p2] WHERE [p2].[order_id] = [payments].[order_id]) AS [n] FROM [payments])");
static_assert(to_sql<D>(o.select(o.order_id).union_all(p.select(p.order_id))) ==
              R"(SELECT [orders].[order_id] FROM [orders] UNION ALL SELECT [payments].[order_id] FROM [payments])");
static_assert(to_sql<D>(o.select(o.customer_id).union_distinct(c.select(c.customer_id))) ==
              R"(SELECT [orders].[customer_id] FROM [orders] UNION SELECT [customers].[customer_id] FROM [customers])");
static_assert(to_sql<D>(o.select(o.customer_id).intersect(c.select(c.customer_id))) ==
              R"(SELECT [orders].[customer_id] FROM [orders] INTERSECT SELECT [customers].[customer_id] FROM [customers])");
static_assert(to_sql<D>(o.select(o.customer_id).difference(c.select(c.customer_id))) ==
              R"(SELECT [orders].[customer_id] FROM [orders] EXCEPT SELECT [customers].[customer_id] FROM [customers])");
static_assert(to_sql<D>(o.select(o.order_id).order_by(o.order_id).limit(2).union_all(p.select(p.order_id))) ==
              R"(SELECT * FROM (SELECT TOP (?) [orders].[order_id] FROM [orders] ORDER BY [orders].[order_id]) AS [u0] UNION ALL SELECT [payments].[order_id] FROM [payments])");
static_assert(to_sql<D>(egret::with(big).query(o.join(big, big["order_id"_c] == o.order_id).select(o.order_id, big["amount"_c]))) ==
              R"(WITH [big] AS (SELECT * FROM [payments] WHERE [payments].[amount] > ?) SELECT [orders].[order_id], [big].[amount] FROM [orders] INNER JOIN [big] ON [big].[order_id] = [orders].[order_id])");
static_assert(to_sql<D>(egret::with_recursive(egret::cte<cnt>(egret::values<cnt>(std::tuple{1}).union_all(k.filter(k.n < 10).select((k.n + 1).as<"n">())))).query(k.aggregate(k.n.sum().as<"s">()))) ==
              R"(WITH [cnt]([n]) AS (SELECT ? AS [n] UNION ALL SELECT [cnt].[n] + ? AS [n] FROM [cnt] WHERE [cnt].[n] < ?) SELECT SUM([cnt].[n]) AS [s] FROM [cnt])");
static_assert(to_sql<D>(egret::values<lookup>(std::tuple{"a", std::optional<std::string_view>("Alpha")}, std::tuple{"b", std::optional<std::string_view>()})) ==
              R"(SELECT ? AS [code], ? AS [label] UNION ALL SELECT ?, ?)");
static_assert(to_sql<D>(o.drop(o.note, o.order_date)) ==
              R"(SELECT [orders].[order_id], [orders].[customer_id], [orders].[status] FROM [orders])");
static_assert(to_sql<D>(o.distinct(o.status, o.customer_id)) ==
              R"(SELECT DISTINCT [orders].[status], [orders].[customer_id] FROM [orders])");
static_assert(to_sql<D>(o.order_by(o.note.desc().nulls_last(), egret::asc(o.order_id).nulls_first())) ==
              R"(SELECT * FROM [orders] ORDER BY CASE WHEN [orders].[note] IS NULL THEN 1 ELSE 0 END, [orders].[note] DESC, CASE WHEN [orders].[order_id] IS NULL THEN 1 ELSE 0 END DESC, [orders].[order_id])");
static_assert(to_sql<D>(o.order_by(o.note.desc().nulls_last()).limit(3)) ==
              R"(SELECT TOP (?) * FROM [orders] ORDER BY CASE WHEN [orders].[note] IS NULL THEN 1 ELSE 0 END, [orders].[note] DESC)");
static_assert(to_sql<D>(t.filter(t.ok).select(t.g)) ==
              R"(SELECT [m].[g] FROM [m] WHERE [m].[ok] = 1)");
static_assert(to_sql<D>(t.filter(t.ok && t.g > 1).select(t.g)) ==
              R"(SELECT [m].[g] FROM [m] WHERE [m].[ok] = 1 AND [m].[g] > ?)");

// ---- statements ----
static_assert(to_sql<D>(egret::insert_into(c).values(1, "Ann", std::nullopt)) ==
              R"(INSERT INTO [customers] ([customer_id], [name], [age]) VALUES (?, ?, NULL))");
static_assert(to_sql<D>(egret::insert_into(c, c.customer_id, c.name).from(o.filter(o.order_id > 5).select(o.customer_id, o.status.as<"name">()))) ==
              R"(INSERT INTO [customers] ([customer_id], [name]) SELECT [orders].[customer_id], [orders].[status] AS [name] FROM [orders] WHERE [orders].[order_id] > ?)");
static_assert(to_sql<D>(egret::update(p).set(p.amount, p.amount * 1.1).set(p.payment_method, "x").where(p.order_id == 3)) ==
              R"(UPDATE [payments] SET [amount] = [payments].[amount] * ?, [payment_method] = ? WHERE [payments].[order_id] = ?)");
static_assert(to_sql<D>(egret::delete_from(o).where(o.status == "x").where(o.order_id > 5)) ==
              R"(DELETE FROM [orders] WHERE [orders].[status] = ? AND [orders].[order_id] > ?)");
static_assert(to_sql<D>(egret::delete_from(o).all()) ==
              R"(DELETE FROM [orders])");
static_assert(to_sql<D>(egret::insert_into(c).values(1, "Ann", std::nullopt).values(2, str<"Bob">, lit<4>)) ==
              R"(INSERT INTO [customers] ([customer_id], [name], [age]) VALUES (?, ?, NULL), (?, N'Bob', 4))");
static_assert(to_sql<D>(egret::insert_into(c, c.customer_id, c.name).rows(three)) ==
              R"(INSERT INTO [customers] ([customer_id], [name]) VALUES (?, ?), (?, ?), (?, ?))");
static_assert(to_sql<D>(egret::update(o).set(o.note, c.name).from(c).where(o.customer_id == c.customer_id && c.age > 18)) ==
              R"(UPDATE [orders] SET [note] = [customers].[name] FROM [customers] WHERE [orders].[customer_id] = [customers].[customer_id] AND [customers].[age] > ?)");
static_assert(to_sql<D>(egret::update(o).set(o.note, str<"paid">).from(paid).where(o.order_id == paid["order_id"_c] && paid["total"_c] > 10.0)) ==
              R"(UPDATE [orders] SET [note] = N'paid' FROM (SELECT [payments].[order_id], SUM([payments].[amount]) AS [total] FROM [payments] WHERE [payments].[amount] > ? GROUP BY [payments].[order_id]) AS [t1] WHERE [orders].[order_id] = [t1].[order_id] AND [t1].[total] > ?)");

// ---- DDL from the schema ----
static_assert(egret::create_table_sql<D, orders>() ==
              R"(CREATE TABLE [orders] ([order_id] BIGINT NOT NULL, [customer_id] BIGINT NOT NULL, [order_date] DATE NOT NULL, [status] NVARCHAR(MAX) NOT NULL, [note] NVARCHAR(MAX)))");
static_assert(egret::create_table_sql<D, m>() ==
              R"(CREATE TABLE [m] ([g] BIGINT NOT NULL, [x] FLOAT NOT NULL, [i] BIGINT NOT NULL, [s] NVARCHAR(MAX) NOT NULL, [ok] BIT NOT NULL, [o] FLOAT))");
// capabilities: FILTER and NULLS FIRST/LAST emulated; no RETURNING, no ON CONFLICT
namespace dl = egret::dialect;
static_assert(dl::missing<D> == (dl::bit(dl::feature::returning) | dl::bit(dl::feature::upsert) |
                                 dl::bit(dl::feature::filter_clause) | dl::bit(dl::feature::nulls_order)));
static_assert(egret::insert_sql<D, customers>() == R"(INSERT INTO [customers] ([customer_id], [name], [age]) VALUES (?, ?, ?))");

// ---- BOOLEAN values and conditions in every position: a value under NOT, in when() and in the WHERE of
// UPDATE / DELETE is `x = 1`; a condition as a CASE result or an ORDER BY key is a CASE ----
static_assert(to_sql<D>(t.filter(!t.ok).select(t.g)) ==
              R"(SELECT [m].[g] FROM [m] WHERE NOT [m].[ok] = 1)");
static_assert(to_sql<D>(t.filter(!(t.ok && t.g > 1)).select(t.g)) ==
              R"(SELECT [m].[g] FROM [m] WHERE NOT ([m].[ok] = 1 AND [m].[g] > ?))");
static_assert(to_sql<D>(t.select(egret::if_else(t.ok, lit<1>, lit<2>).as<"v">())) ==
              R"(SELECT CASE WHEN [m].[ok] = 1 THEN 1 ELSE 2 END AS [v] FROM [m])");
static_assert(to_sql<D>(t.select(egret::cases(egret::when(t.ok, str<"yes">), egret::when(!t.ok, str<"no">)).as<"v">())) ==
              R"(SELECT CASE WHEN [m].[ok] = 1 THEN N'yes' WHEN NOT [m].[ok] = 1 THEN N'no' END AS [v] FROM [m])");
static_assert(to_sql<D>(t.select(egret::if_else(t.g > 1, t.ok, t.x > 2.0).as<"v">())) ==
              R"(SELECT CASE WHEN [m].[g] > ? THEN [m].[ok] ELSE CASE WHEN [m].[x] > ? THEN 1 WHEN NOT ([m].[x] > ?) THEN 0 END END AS [v] FROM [m])");
static_assert(to_sql<D>(t.select(egret::case_(t.g).when(1, t.i > 2).otherwise(t.ok).as<"v">())) ==
              R"(SELECT CASE [m].[g] WHEN ? THEN CASE WHEN [m].[i] > ? THEN 1 WHEN NOT ([m].[i] > ?) THEN 0 END ELSE [m].[ok] END AS [v] FROM [m])");
static_assert(to_sql<D>(egret::update(t).set(t.g, 1).where(t.ok)) ==
              R"(UPDATE [m] SET [g] = ? WHERE [m].[ok] = 1)");
static_assert(to_sql<D>(egret::delete_from(t).where(!t.ok)) ==
              R"(DELETE FROM [m] WHERE NOT [m].[ok] = 1)");
static_assert(to_sql<D>(egret::delete_from(t).where(t.ok).where(t.g > 2)) ==
              R"(DELETE FROM [m] WHERE [m].[ok] = 1 AND [m].[g] > ?)");
static_assert(to_sql<D>(t.order_by((t.g > 1).desc(), t.ok)) ==
              R"(SELECT * FROM [m] ORDER BY CASE WHEN [m].[g] > ? THEN 1 WHEN NOT ([m].[g] > ?) THEN 0 END DESC, [m].[ok])");
static_assert(to_sql<D>(t.order_by(egret::asc(t.o.is_null()).nulls_first())) ==
              R"(SELECT * FROM [m] ORDER BY CASE WHEN CASE WHEN [m].[o] IS NULL THEN 1 WHEN NOT ([m].[o] IS NULL) THEN 0 END IS NULL THEN 1 ELSE 0 END DESC, CASE WHEN [m].[o] IS NULL THEN 1 WHEN NOT ([m].[o] IS NULL) THEN 0 END)");
static_assert(to_sql<D>(p.select(egret::row_number().over(egret::order_by(p.amount > 10)).as<"rn">())) ==
              R"(SELECT ROW_NUMBER() OVER (ORDER BY CASE WHEN [payments].[amount] > ? THEN 1 WHEN NOT ([payments].[amount] > ?) THEN 0 END) AS [rn] FROM [payments])");

// ---- an ORDER BY in a derived table, subquery, CTE or set operand without TOP / OFFSET: ` OFFSET 0 ROWS`
// (T-SQL rejects it otherwise); at the top level, or with TOP / OFFSET, nothing is added ----
constexpr auto sorted = t.select(t.g).order_by(t.g);
constexpr auto sorted_ids = egret::cte<"srt">(o.select(o.order_id).order_by(o.order_id));
static_assert(to_sql<D>(sorted) ==
              R"(SELECT [m].[g] FROM [m] ORDER BY [m].[g])");
static_assert(to_sql<D>(sorted.filter(sorted["g"_c] > 1)) ==
              R"(SELECT * FROM (SELECT [m].[g] FROM [m] ORDER BY [m].[g] OFFSET 0 ROWS) AS [t0] WHERE [t0].[g] > ?)");
static_assert(to_sql<D>(o.select(o.order_id).order_by(o.order_id).union_all(p.select(p.order_id))) ==
              R"(SELECT * FROM (SELECT [orders].[order_id] FROM [orders] ORDER BY [orders].[order_id] OFFSET 0 ROWS) AS [u0] UNION ALL SELECT [payments].[order_id] FROM [payments])");
static_assert(to_sql<D>(egret::with(sorted_ids).query(o.join(sorted_ids, sorted_ids["order_id"_c] == o.order_id).select(o.order_id))) ==
              R"(WITH [srt] AS (SELECT [orders].[order_id] FROM [orders] ORDER BY [orders].[order_id] OFFSET 0 ROWS) SELECT [orders].[order_id] FROM [orders] INNER JOIN [srt] ON [srt].[order_id] = [orders].[order_id])");
static_assert(to_sql<D>(o.filter(o.order_id.isin(p.select(p.order_id).order_by(p.order_id)))) ==
              R"(SELECT * FROM [orders] WHERE [orders].[order_id] IN (SELECT [payments].[order_id] FROM [payments] ORDER BY [payments].[order_id] OFFSET 0 ROWS))");
static_assert(to_sql<D>(first3.filter(first3["order_id"_c] > 1)) ==
              R"(SELECT * FROM (SELECT TOP (?) [orders].[order_id] FROM [orders]) AS [t0] WHERE [t0].[order_id] > ?)");
}  // namespace

TEST_CASE("golden mssql: the compile-time text is also the run-time text", "[golden][mssql]") {
  auto q = o.filter(o.status == "shipped" && o.order_id > 10).select(o.order_id).order_by(o.order_id).limit(2, 4);
  CHECK(egret::render_sql<D>(q) == to_sql<D>(q));
}

TEST_CASE("golden mssql: views inline captured values as escaped literals", "[golden][mssql]") {
  auto q = o.filter(o.status == std::string("it's") && o.order_date > egret::date{2018, 1, 2} && o.order_id > 3)
               .select(o.order_id, (o.order_id * 2.5).as<"x">())
               .limit(5);
  CHECK(egret::render_sql_inline<D>(q) ==
        R"(SELECT TOP (5) [orders].[order_id], [orders].[order_id] * 2.5 AS [x] FROM [orders] WHERE [orders].[status] = N'it''s' AND [orders].[order_date] > CAST('2018-01-02' AS DATE) AND [orders].[order_id] > 3)");
}

TEST_CASE("golden mssql: identifiers are bracketed, a closing bracket inside doubled", "[golden][mssql]") {
  std::string out;
  egret::render::string_writer w{out};
  D::quote_identifier<D>(w, "we]ird");
  CHECK(out == "[we]]ird]");
}
