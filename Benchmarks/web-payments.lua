-- wrk script for Benchmarks/web-bench.sh: POST /api/v1/payments/check with an API token, a
-- different payee on every request (pension payments of persons drawn from the store, some of
-- them dead, so rules fire), each thread starting at its own place in the list.
--
--   wrk -s Benchmarks/web-payments.lua URL -- BODIES_FILE TOKEN
--
-- BODIES_FILE holds one JSON payment body per line.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

local bodies = {}
local position = 0

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  assert(#bodies > 0, "no payment bodies in " .. args[1])
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[2]
  position = (id * 7919) % #bodies
end

function request()
  position = position % #bodies + 1
  return wrk.format(nil, "/api/v1/payments/check", nil, bodies[position])
end
