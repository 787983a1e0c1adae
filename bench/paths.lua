-- wrk script: each request takes the next path from a file, round robin, so one run measures
-- a fixed mix (bench/run.sh uses it for the search queries over HTTP).
--   wrk -s bench/paths.lua http://127.0.0.1:PORT -- /path/to/paths.txt
-- The file holds one request path per line, already URL-encoded. Each wrk thread runs its own
-- copy of this script; thread k starts 7k lines into the list, so threads do not ask for the
-- same query at the same moment.

local threads = 0

-- Runs in wrk's main Lua state, once per thread, before the threads start.
function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

local paths = {}
local index = 0

function init(args)
  local file = args[1]
  if not file then
    error("paths.lua: give the paths file after --")
  end
  for line in io.lines(file) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("paths.lua: no paths in " .. file)
  end
  index = ((thread_number or 0) * 7) % #paths
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
