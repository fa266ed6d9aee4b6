// egret_doc_snippets (tests/tools/doc_snippets.cpp): compiles every ```cpp block of a Markdown file as written, so that a page that drifts
// from the code fails CTest. Written in C++ (not a script) so that the test needs nothing the build does not.
//
//   egret_doc_snippets FILE.md WORKDIR -- COMPILER FLAGS...
//
// Each block is one translation unit, compiled with COMPILER FLAGS -fsyntax-only. An HTML comment on the line
// just before the fence changes that (invisible on the rendered page):
//   <!-- snippet: continues -->        the block follows the file's previous block (and what that one followed)
//   <!-- snippet: main -->             the block is statements: compiled inside int main() { ... }
//   <!-- snippet: continues main -->   both
//   <!-- snippet: fails: TEXT -->      the block must not compile, and the compiler's output must contain TEXT
//   <!-- snippet: skip: REASON -->     not compiled (a signature, pseudo-code); REASON is printed
// Prints one line per block and exits 1 if any block fails.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct block {
  int line = 0;  // of the opening fence
  std::string code;
  bool continues = false, in_main = false, skip = false, fails = false;
  std::string note;  // the skip reason or the expected error text
};

std::string trim(std::string s) {
  auto const b = s.find_first_not_of(" \t\r");
  auto const e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<block> read_blocks(std::string const& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot read\n";
    std::exit(2);
  }
  std::vector<block> out;
  std::string line, previous;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (trim(line) == "```cpp") {
      block b;
      b.line = n;
      std::string const p = trim(previous);
      if (p.rfind("<!-- snippet:", 0) == 0 && p.size() > 17 && p.substr(p.size() - 3) == "-->") {
        std::string const m = trim(p.substr(13, p.size() - 16));
        if (m.rfind("skip:", 0) == 0) {
          b.skip = true;
          b.note = trim(m.substr(5));
        } else if (m.rfind("fails:", 0) == 0) {
          b.fails = true;
          b.note = trim(m.substr(6));
        } else {
          std::istringstream words(m);
          for (std::string w; words >> w;) {
            if (w == "continues")
              b.continues = true;
            else if (w == "main")
              b.in_main = true;
            else {
              std::cerr << path << ":" << n - 1 << ": unknown snippet marker \"" << w << "\"\n";
              std::exit(2);
            }
          }
        }
      }
      while (std::getline(in, line)) {
        ++n;
        if (trim(line) == "```") break;
        b.code += line + "\n";
      }
      out.push_back(std::move(b));
    }
    previous = line;
  }
  return out;
}

std::string quote(std::string const& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

}  // namespace

int main(int argc, char** argv) {
  int sep = 0;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--") sep = i;
  if (argc < 5 || sep != 3) {
    std::cerr << "usage: egret_doc_snippets FILE.md WORKDIR -- COMPILER FLAGS...\n";
    return 2;
  }
  std::string const md = argv[1], dir = argv[2];
  std::string compiler;
  for (int i = sep + 1; i < argc; ++i) compiler += quote(argv[i]) + " ";

  auto const blocks = read_blocks(md);
  int failed = 0, compiled = 0, skipped = 0;
  std::string decls, stmts;  // the chain so far
  for (std::size_t k = 0; k != blocks.size(); ++k) {
    block const& b = blocks[k];
    std::string const where = md + ":" + std::to_string(b.line);
    if (b.skip) {
      ++skipped;
      std::cout << "skip   " << where << " (" << b.note << ")\n";
      continue;
    }
    if (!b.continues) decls.clear(), stmts.clear();
    (b.in_main ? stmts : decls) += "#line " + std::to_string(b.line + 1) + " \"" + md + "\"\n" + b.code;
    std::string const tu = decls + (stmts.empty() ? "" : "int main() {\n" + stmts + "}\n");
    std::string const src = dir + "/snippet_" + std::to_string(k) + ".cpp";
    std::string const log = dir + "/snippet_" + std::to_string(k) + ".log";
    std::ofstream(src) << tu;
    int const rc = std::system((compiler + "-fsyntax-only " + quote(src) + " > " + quote(log) + " 2>&1").c_str());
    std::ifstream lf(log);
    std::string const output((std::istreambuf_iterator<char>(lf)), std::istreambuf_iterator<char>());
    ++compiled;
    bool ok;
    if (b.fails)
      ok = rc != 0 && output.find(b.note) != std::string::npos;
    else
      ok = rc == 0;
    if (ok) {
      std::cout << (b.fails ? "fails  " : "ok     ") << where << "\n";
    } else {
      ++failed;
      std::cout << "FAILED " << where << (b.fails ? " (expected an error containing: " + b.note + ")" : "") << "\n";
      std::cout << output.substr(0, 4000) << "\n";
    }
    if (b.fails) decls.clear(), stmts.clear();  // a failing block continues nothing
  }
  std::cout << md << ": " << compiled << " blocks compiled, " << skipped << " skipped, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
