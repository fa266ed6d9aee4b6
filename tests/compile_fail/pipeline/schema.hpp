// The nodes the pipeline compile-fail snippets share.
#pragma once
#include <egret/pipeline.hpp>
EGRET_TABLE(raw, (id, std::int64_t), (label, std::string));
EGRET_TABLE(clean, (id, std::int64_t), (label, std::string));
EGRET_TABLE(report, (id, std::int64_t));
namespace pl = egret::pipeline;
using raw_seed = pl::seed<raw, "raw.csv">;
