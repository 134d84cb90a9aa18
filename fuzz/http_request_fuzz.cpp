// The whole HTTP request handling after the socket: arbitrary bytes go
// through Beast's request parser under the server's limits (8 KiB head, 64 KiB
// body) and, when they parse, through the Router over a real SQLite file with
// the REST API enabled. Asserted: no crash, hang or escaping exception; every
// answer has a valid status; no answer contains the API token or the action
// key (a request may carry the token: the seeds do, so the fuzzer
// reaches the authenticated API, including its writes) unless the client put it
// into the target or body itself.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "cadence/clock.hpp"
#include "cadence/config.hpp"
#include "cadence/engine.hpp"
#include "cadence/http_store.hpp"
#include "cadence/store.hpp"
#include "http/router.hpp"

namespace {

namespace bhttp = boost::beast::http;

// Both are long and distinctive, so finding either in an answer is a leak,
// not chance. The seeds in fuzz/corpus/http_request use this token.
const std::string kApiToken = "fuzz-api-token-7f3c9a1e5b2d4c6f8a0e";
const std::string kActionKey = "fuzz-action-key-0123456789abcdef0123456789";

struct World {
  cadence::ManualClock clock{cadence::Instant{cadence::Duration{1'800'000'000}}};
  std::unique_ptr<cadence::Store> store;
  std::unique_ptr<cadence::HttpStore> http_store;
  cadence::http::RouterState state;
  std::unique_ptr<cadence::http::Router> router;
};

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "http_request_fuzz setup: %s\n", why.c_str());
  std::abort();
}

World* make_world() {
  auto* world = new World();
  char dir_template[] = "/tmp/cadence-fuzz-http-XXXXXX";
  const char* dir = ::mkdtemp(dir_template);
  if (dir == nullptr) fail("mkdtemp");
  const std::string db = std::string(dir) + "/cadence.db";
  const std::string yaml =
      "timezone: Asia/Shanghai\nlocale: zh-CN\n"
      "owners:\n  - id: zhang\n    channels: [console]\n"
      "channels:\n  - id: console\n    type: console\n"
      "kinds:\n  visit: deep\n  call: normal\n"
      "holidays:\n  sets: [cn]\n"
      "rules:\n"
      "  - id: follow-up\n    match: {}\n    cadence: {every: 14d, kinds: [call, visit]}\n"
      "  - id: birthdays\n    match: {}\n    birthday: {}\n    at: \"08:30\"\n"
      "  - id: festivals\n    match: {}\n    holiday: {keys: [spring_festival]}\n"
      "database: " +
      db + "\nhttp:\n  listen: 127.0.0.1:8787\n  token: " + kApiToken + "\n";
  auto parsed =
      cadence::parse_config(yaml, "fuzz.yaml", cadence::SubstitutionSource::from_process());
  if (!parsed.ok()) fail("config does not parse");
  auto config = std::make_shared<cadence::Config>(std::move(*parsed.config));
  auto compiled = cadence::RuleSet::compile(*config);
  if (!compiled.ok()) fail("rules do not compile");

  cadence::StoreOptions options;
  options.path = db;
  options.clock = &world->clock;
  auto store = cadence::open_sqlite_store(options);
  if (!store) fail(store.error().message());
  world->store = std::move(store.value());
  cadence::Account acme;
  acme.id = "acme";
  acme.name = "Acme";
  acme.owner = "zhang";
  if (!world->store->add_account(acme)) fail("add_account");
  cadence::Contact contact;
  contact.id = "li-wei";
  contact.name = "李伟";
  contact.account = "acme";
  contact.owner = "zhang";
  if (!world->store->add_contact(contact)) fail("add_contact");
  auto http_store = cadence::HttpStore::open(db, options.busy_timeout_ms);
  if (!http_store) fail(http_store.error().message());
  world->http_store = std::move(http_store.value());

  world->state.clock = &world->clock;
  world->state.store = world->store.get();
  world->state.http_store = world->http_store.get();
  world->state.key = kActionKey;
  world->state.config = config;
  world->state.rules = compiled.rules;
  world->state.times.process_start = world->clock.now();
  world->state.times.last_reload = world->clock.now();
  world->router = std::make_unique<cadence::http::Router>(world->state);
  return world;
}

bool contains(const cadence::http::Response& res, std::string_view secret) {
  if (res.body().find(secret) != std::string::npos) return true;
  for (const auto& field : res) {
    if (std::string_view(field.value()).find(secret) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World* world = make_world();  // one database for the whole run

  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(8 * 1024);
  parser.body_limit(64 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;  // the server answers 4xx and closes

  const cadence::http::Request request = parser.release();
  const cadence::http::Response response = world->router->handle(request);
  const unsigned status = response.result_int();
  if (status < 200 || status > 599) __builtin_trap();
  // An answer may quote the client's own target or body (an unknown parameter
  // is named), so a secret is leaked only when the answer holds it and those
  // do not: echoing the Authorization header, or the key, would be.
  const std::string quoted = std::string(request.target()) + request.body();
  for (const std::string& secret : {kApiToken, kActionKey}) {
    if (contains(response, secret) && quoted.find(secret) == std::string::npos) __builtin_trap();
  }
  // The clock moves on, so expiry paths and pruning get exercised too.
  world->clock.advance(cadence::Duration{60});
  return 0;
}
