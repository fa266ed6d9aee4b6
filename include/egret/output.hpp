// egret's result output: print a result set as a table, write it as CSV, and reach a row's fields without
// naming their types (egret/output/). Backend-independent: give it a cursor (db.execute(q)) or a vector of
// rows or of Hana structs. fmt formatters for rows and optional values are in <egret/output/fmt.hpp>.
#pragma once

#include <egret/output/cell.hpp>
#include <egret/output/csv_writer.hpp>
#include <egret/output/table_printer.hpp>
