-- wrk script: hostile or careless traffic. Each request takes the next line of a file, round
-- robin, with every "{n}" replaced by a number no other request of the run uses, so every
-- request names a URL nobody asked for before (cache busters, one-off searches).
--   wrk -s bench/flood.lua http://127.0.0.1:PORT -- /path/to/templates.txt
-- bench/run.sh uses it for the cache-missing renders of every page kind and for the memory
-- flood (issue 11).

local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

local templates = {}
local index = 0
local counter = 0

function init(args)
  local file = args[1]
  if not file then
    error("flood.lua: give the templates file after --")
  end
  for line in io.lines(file) do
    if line ~= "" then
      templates[#templates + 1] = line
    end
  end
  if #templates == 0 then
    error("flood.lua: no templates in " .. file)
  end
  index = (thread_number or 0) % #templates
end

function request()
  index = index % #templates + 1
  counter = counter + 1
  local n = tostring(thread_number or 0) .. "x" .. tostring(counter)
  local path = templates[index]:gsub("{n}", n)
  return wrk.format("GET", path)
end
