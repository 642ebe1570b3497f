-- wrk script for the webhook load benchmark (WebhookBench writes the requests file).
-- Usage: wrk ... -s signed-webhooks.lua URL -- REQUESTS_FILE RUN_ID
-- REQUESTS_FILE: one delivery per line, "<base64 HMAC-SHA256>\t<JSON body>"; wrk's Lua has no
-- HMAC, so the bodies are signed beforehand. Every request gets a new X-Shopify-Webhook-Id
-- (not covered by Shopify's signature), so none is a duplicate.

local threads = {}
local counter = 0
local prefixes = {}
local suffixes = {}
local tag = ""

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open the requests file")
  local host = wrk.host .. ":" .. wrk.port
  for line in file:lines() do
    local sig, body = line:match("^([^\t]+)\t(.*)$")
    if sig then
      -- Everything but the delivery id is fixed per body: built once, not per request.
      table.insert(prefixes, "POST " .. wrk.path .. " HTTP/1.1\r\n" ..
        "Host: " .. host .. "\r\n" ..
        "Content-Type: application/json\r\n" ..
        "X-Shopify-Topic: orders/updated\r\n" ..
        "X-Shopify-Shop-Domain: bench.myshopify.com\r\n" ..
        "X-Shopify-Hmac-Sha256: " .. sig .. "\r\n" ..
        "Content-Length: " .. #body .. "\r\n" ..
        "X-Shopify-Webhook-Id: ")
      table.insert(suffixes, "\r\n\r\n" .. body)
    end
  end
  file:close()
  assert(#prefixes > 0, "the requests file holds no deliveries")
  tag = (args[2] or "run") .. "-" .. tostring(wrk.thread:get("tid")) .. "-"
end

function request()
  counter = counter + 1
  local i = (counter % #prefixes) + 1
  return prefixes[i] .. tag .. counter .. suffixes[i]
end
