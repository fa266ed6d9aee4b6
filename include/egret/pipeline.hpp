// egret's pipeline layer (opt-in): seeds, sources and models that read each other by type, checked as a graph
// at compile time, materialized as views, tables or inlined CTEs, with data tests, run in topological order on
// any egret backend. See docs/pipelines.md.
#pragma once

#include <egret/pipeline/data_test.hpp>
#include <egret/pipeline/graph.hpp>
#include <egret/pipeline/node.hpp>
#include <egret/pipeline/run.hpp>
#include <egret/pipeline/source_check.hpp>
#include <egret/pipeline/unit_test.hpp>
