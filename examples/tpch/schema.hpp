// The eight TPC-H tables (specification clause 1.4.1) as egret tables, columns in the order of the dbgen
// .tbl files. Identifiers and integers are BIGINT, DECIMAL(15,2) is DOUBLE, CHAR/VARCHAR are TEXT, dates are
// DATE; every column is NOT NULL (the data hold no NULLs).
#pragma once

#include <cstdint>
#include <string>

#include <egret/egret.hpp>

namespace tpch {

using egret::date;
using std::int64_t;
using std::string;

EGRET_TABLE(region, (r_regionkey, int64_t), (r_name, string), (r_comment, string));

EGRET_TABLE(nation, (n_nationkey, int64_t), (n_name, string), (n_regionkey, int64_t), (n_comment, string));

EGRET_TABLE(part, (p_partkey, int64_t), (p_name, string), (p_mfgr, string), (p_brand, string), (p_type, string),
            (p_size, int64_t), (p_container, string), (p_retailprice, double), (p_comment, string));

EGRET_TABLE(supplier, (s_suppkey, int64_t), (s_name, string), (s_address, string), (s_nationkey, int64_t),
            (s_phone, string), (s_acctbal, double), (s_comment, string));

EGRET_TABLE(partsupp, (ps_partkey, int64_t), (ps_suppkey, int64_t), (ps_availqty, int64_t), (ps_supplycost, double),
            (ps_comment, string));

EGRET_TABLE(customer, (c_custkey, int64_t), (c_name, string), (c_address, string), (c_nationkey, int64_t),
            (c_phone, string), (c_acctbal, double), (c_mktsegment, string), (c_comment, string));

EGRET_TABLE(orders, (o_orderkey, int64_t), (o_custkey, int64_t), (o_orderstatus, string), (o_totalprice, double),
            (o_orderdate, date), (o_orderpriority, string), (o_clerk, string), (o_shippriority, int64_t),
            (o_comment, string));

EGRET_TABLE(lineitem, (l_orderkey, int64_t), (l_partkey, int64_t), (l_suppkey, int64_t), (l_linenumber, int64_t),
            (l_quantity, double), (l_extendedprice, double), (l_discount, double), (l_tax, double),
            (l_returnflag, string), (l_linestatus, string), (l_shipdate, date), (l_commitdate, date),
            (l_receiptdate, date), (l_shipinstruct, string), (l_shipmode, string), (l_comment, string));

}  // namespace tpch
