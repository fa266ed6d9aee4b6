// Umbrella header for visualization: the Ibis-like fmt repr of expressions and queries, and Graphviz DOT.
#pragma once

#include <egret/viz/dot.hpp>
#include <egret/viz/repr.hpp>
