# Loads the docs site in headless Chromium with the orders model chosen through the address (#orders, what a
# click in the list or the graph sets), and checks the DOM its script built: each node of names.txt listed, and
# the detail panel showing orders with its SQLite SQL (orders.sqlite.sql, HTML-escaped as the DOM is written)
# and its columns' lineage;
# then with ?search=payment, only the two payment nodes left in the list.
#   cmake -DEGRET_CHROMIUM=... -DEGRET_SITE_DIR=... -P check_docs_site.cmake
foreach(_v EGRET_CHROMIUM EGRET_SITE_DIR)
  if(NOT ${_v})
    message(FATAL_ERROR "check_docs_site.cmake: ${_v} is not set")
  endif()
endforeach()

set(_page "${EGRET_SITE_DIR}/index.html")
if(NOT EXISTS "${_page}")
  message(FATAL_ERROR "no ${_page}: browser.docs_site.write did not write the site")
endif()
set(_profile "${EGRET_SITE_DIR}/chromium-profile")
file(REMOVE_RECURSE "${_profile}")

# Chromium as root needs --no-sandbox; its own profile directory keeps it off the user's.
function(egret_dump_dom url out)
  execute_process(
    COMMAND "${EGRET_CHROMIUM}" --headless --disable-gpu --no-sandbox --no-first-run --no-default-browser-check
            --disable-extensions --user-data-dir=${_profile} --virtual-time-budget=5000 --dump-dom "${url}"
    OUTPUT_VARIABLE _out
    ERROR_VARIABLE _err
    RESULT_VARIABLE _rc
    TIMEOUT 90)
  file(REMOVE_RECURSE "${_profile}")
  if(NOT _rc EQUAL 0 OR _out STREQUAL "")
    message(FATAL_ERROR "chromium failed on ${url} (${_rc}):\n${_err}")
  endif()
  set(${out} "${_out}" PARENT_SCOPE)
endfunction()

egret_dump_dom("file://${_page}#orders" _dom)
file(WRITE "${EGRET_SITE_DIR}/dom.html" "${_dom}")
# the search box, filled from the address: "payment" is in two nodes' names (and their columns), no other's
egret_dump_dom("file://${_page}?search=payment" _searched)
file(WRITE "${EGRET_SITE_DIR}/dom-search.html" "${_searched}")

set(_failures "")
file(STRINGS "${EGRET_SITE_DIR}/names.txt" _names)
list(LENGTH _names _count)
if(NOT _count EQUAL 8)
  string(APPEND _failures "names.txt lists ${_count} nodes, not the jaffle shop's 8\n")
endif()
foreach(_name IN LISTS _names)
  if(NOT _dom MATCHES "<li class=\"node-item[^\"]*\" data-name=\"${_name}\">")
    string(APPEND _failures "the node list has no item for ${_name}\n")
  endif()
  if(NOT _dom MATCHES "<g class=\"dag-node [^\"]*\" data-name=\"${_name}\"")
    string(APPEND _failures "the graph has no box for ${_name}\n")
  endif()
endforeach()
if(NOT _dom MATCHES "<li class=\"node-item selected\" data-name=\"orders\">")
  string(APPEND _failures "orders is not the selected item of the list\n")
endif()

string(FIND "${_dom}" "<section id=\"detail\" data-selected=\"orders\">" _at)
if(_at EQUAL -1)
  string(APPEND _failures "the detail panel does not show orders (#orders)\n")
else()
  string(SUBSTRING "${_dom}" ${_at} -1 _detail)
  file(READ "${EGRET_SITE_DIR}/orders.sqlite.sql" _sql)
  string(REPLACE "&" "&amp;" _sql "${_sql}")
  string(REPLACE "<" "&lt;" _sql "${_sql}")
  string(REPLACE ">" "&gt;" _sql "${_sql}")
  string(FIND "${_detail}" "<pre class=\"sql\" id=\"detail-sql\" data-dialect=\"sqlite\">${_sql}</pre>" _sql_at)
  if(_sql_at EQUAL -1)
    string(APPEND _failures "the detail panel does not show the orders model's SQLite SQL\n")
  endif()
  foreach(_column order_id customer_id amount)
    if(NOT _detail MATCHES "<td class=\"mono\">${_column}</td>")
      string(APPEND _failures "the detail panel does not list the column ${_column}\n")
    endif()
  endforeach()
  # the column lineage: orders.credit_card_amount is fed by two columns of stg_payments
  if(NOT _detail MATCHES "<td class=\"mono lineage\">stg_payments\\.amount, stg_payments\\.payment_method</td>")
    string(APPEND _failures "the detail panel does not show credit_card_amount's lineage (stg_payments.amount, stg_payments.payment_method)\n")
  endif()
  if(NOT _detail MATCHES "unique_orders_order_id")
    string(APPEND _failures "the detail panel does not list the test unique_orders_order_id\n")
  endif()
endif()

foreach(_name IN LISTS _names)
  if(_name MATCHES "payment")
    set(_want "<li class=\"node-item\" data-name=\"${_name}\">")
  else()
    set(_want "<li class=\"node-item\" data-name=\"${_name}\" hidden=\"\">")
  endif()
  string(FIND "${_searched}" "${_want}" _found)
  if(_found EQUAL -1)
    string(APPEND _failures "searching \"payment\": not ${_want}\n")
  endif()
endforeach()
if(NOT _searched MATCHES "<section id=\"detail\"><p class=\"muted\">Choose a node")
  string(APPEND _failures "with no node in the address, the detail panel does not ask to choose one\n")
endif()

if(NOT _failures STREQUAL "")
  message(FATAL_ERROR "docs site in Chromium (DOM in ${EGRET_SITE_DIR}/dom.html):\n${_failures}")
endif()
message(STATUS "docs site: ${_count} nodes listed, orders chosen by #orders shows its SQL, the search filters the list")
