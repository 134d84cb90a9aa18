// Delivering fired reminders: messages, transports (one send on one channel),
// the retry policy and the outbox worker.
//
// Flow: the daemon fires an occurrence with `plan_deliveries()` rows (one per
// owner channel, each with a stable idempotency key) in one store transaction;
// `Outbox::process_due(now)` then sends what is due and records each outcome;
// the daemon arms its timer for `Store::next_delivery_time()`.
//
// Threading: an Outbox and its Transport are used from one thread.
// process_due() sends in that thread and blocks (libcurl easy interface;
// connect ≈10 s, whole request ≈30 s). With start_workers(), dispatch_due()
// hands the sends to a bounded pool of sender threads instead (at most
// `per_channel` in flight per channel, so a slow service never holds up the
// others) and returns at once; collect() records their outcomes. See
// docs/CHANNELS.md "Concurrency".
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "cadence/channel.hpp"
#include "cadence/clock.hpp"
#include "cadence/config.hpp"
#include "cadence/error.hpp"
#include "cadence/model.hpp"
#include "cadence/store.hpp"

namespace cadence {

// One rendered reminder, ready for any channel.
struct Message {
  std::string title;            // one line, plain text
  std::string text;             // plain-text body (email text part, chat fallback)
  std::string markdown;         // body in the service's Markdown (chat); empty = use text
  std::string html;             // HTML body (email, Telegram, Matrix); empty = from text
  std::string idempotency_key;  // Delivery::idempotency_key: reused on every retry
  std::string to_address;       // email: the owner's address when the channel names none
  std::string to_name;          // email: the owner's display name
  Instant created{};            // when the reminder fired (Date header, webhook timestamp)
};

enum class Outcome { kDelivered, kRetryable, kPermanent };
const char* to_string(Outcome o);

// What one attempt produced.
struct SendResult {
  SendResult() = default;
  SendResult(Outcome o, std::optional<std::chrono::milliseconds> hint, int code, std::string text)
      : outcome(o), retry_after(hint), status(code), detail(std::move(text)) {}

  Outcome outcome = Outcome::kRetryable;
  std::optional<std::chrono::milliseconds> retry_after;  // server hint, if any
  int status = 0;      // HTTP status or SMTP reply code; 0 = no answer
  std::string detail;  // short, secret-free summary of the answer/failure
  // The destination no longer exists (Slack/Discord 404/410): the Outbox marks
  // the channel dead and sends nothing more to it until it is rebuilt (reload).
  bool channel_gone = false;
  // The service asked for a pause on this whole destination (Discord
  // X-RateLimit-Remaining 0 + X-RateLimit-Reset-After): no send before then.
  std::optional<Instant> pause_until;
};

// Sends one message on one channel and classifies the answer. Never throws.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual SendResult send(const ChannelSpec& channel, const Message& message, Instant now) = 0;
};

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};  // Default: 10 s
  std::chrono::milliseconds total_timeout{30'000};    // Default: 30 s
  std::ostream* console = nullptr;                    // console channel output. Default: std::cout
};

// The real thing: console to a stream, email over SMTP (libcurl, one handle per
// channel so a burst reuses the connection), every chat service over HTTPS
// (libcurl, verification on, redirects not followed).
std::unique_ptr<Transport> make_transport(const TransportOptions& options = {});

// --- idempotency and planning

// A stable key for (occurrence key, channel id): "cd-" + 32 hex digits of
// SHA-256. The same inputs always give the same key.
std::string idempotency_key_for(const std::string& occurrence_key, const std::string& channel_id);

// The outbox rows for a fired occurrence, queued for `now`: one per channel of
// the owner; with `owner.fallback_after` set, only the first channel (the
// Outbox queues the next one when that fails — see Outbox::process_due).
std::vector<Delivery> plan_deliveries(const Occurrence& occurrence, const OwnerConfig& owner,
                                      Instant now);

// --- templates

// Renders an occurrence for one channel kind in a locale. `details_json`
// fields are available to templates by name (see docs/CHANNELS.md); the
// built-in templates fall back gracefully when fields are missing. Channel
// params `template_title`, `template_text` (inline mustache) or
// `template_file` (a file holding "title\n---\ntext") override the built-ins.
// The result respects the channel's size limit (truncated with a note).
Result<Message> render_message(const Occurrence& occurrence, const ChannelSpec& channel,
                               Locale locale);

// A link the message offers (the action links of docs/HTTP.md: Done,
// Snooze…, Log a touch), shown after the body and never truncated.
struct MessageLink {
  std::string label;  // "Mark done"
  std::string url;    // absolute http(s) URL, URL-safe characters only
};

// The same with `links` appended: the text as "label: URL" lines, the
// Markdown as one line of [label](URL) links, the HTML as a row of buttons.
// The body is truncated so that body + links fit the channel's limit.
Result<Message> render_message(const Occurrence& occurrence, const ChannelSpec& channel,
                               Locale locale, const std::vector<MessageLink>& links);

// --- retry policy (pure)

struct RetryPolicy {
  std::chrono::seconds base{2};   // Default: 2 s
  std::chrono::seconds cap{600};  // Default: 10 min
  // Dead once a failing delivery is this old (from when it fell due); the
  // last attempt is made at this age. Default: 24 h
  std::chrono::seconds max_age{24 * 3600};
  // ...but only after at least this many attempts, so that a row re-queued by
  // `cadencectl outbox retry` (attempts reset to 0) is really retried. Default: 8
  int min_attempts = 8;
};

// The policy of cadence.yaml's `delivery:` section.
RetryPolicy retry_policy(const DeliveryConfig& config);

// Full jitter: uniform in [0, min(cap, base * 2^attempt)], then at least the
// server's hint (capped at `cap`... unless the hint is longer: a hint is never
// shortened). `attempt` counts attempts made so far (1 after the first).
std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempt,
                                      std::optional<std::chrono::milliseconds> hint,
                                      std::mt19937_64& rng);

// Per-destination token buckets (ChannelSpec::pace), driven by the caller's clock.
class Pacer {
 public:
  // Takes a token from every bucket of `destination` if all have one; else
  // returns the instant when they will (and takes nothing).
  std::optional<Instant> try_acquire(const std::string& destination,
                                     const std::vector<PaceLimit>& limits, Instant now);

 private:
  struct Bucket {
    double tokens = 0;
    Instant updated{};
    bool initialised = false;
  };
  std::map<std::string, std::vector<Bucket>> buckets_;
};

// --- the outbox worker

struct OutboxOptions {
  RetryPolicy retry;
  int batch = 100;         // deliveries read per store query. Default: 100
  bool pacing = true;      // proactive per-destination pacing. Default: on
  std::uint64_t seed = 0;  // jitter RNG seed; 0 = random_device. Default: 0
};

struct OutboxReport {
  int sent = 0;
  int retried = 0;    // failed, queued again
  int dead = 0;       // gave up (permanent error or too old)
  int deferred = 0;   // not attempted: paced
  int fallbacks = 0;  // deliveries queued on an owner's next channel (fallback_after)
};

namespace delivery {
class SendPool;
}

struct OutboxWorkers {
  int threads = 4;          // sender threads. Default: 4
  int per_channel = 1;      // sends in flight per channel. Default: 1
  int max_in_flight = 500;  // dispatched, not yet collected. Default: 500
  // A dispatched row stays queued with next_attempt_at = now + lease (renewed
  // while in flight), so a crash mid-send re-sends it after at most this long.
  std::chrono::seconds lease{5};  // Default: 5 s
  // One Transport per thread. Default (empty): make_transport() with defaults.
  std::function<std::unique_ptr<Transport>()> make_transport;
  // Called from a sender thread whenever a result is ready: schedule collect()
  // on the Outbox's own thread (e.g. asio::post). Never call it inline.
  std::function<void()> notify;
};

class Outbox {
 public:
  // `channels` are the parsed channels of the config; `owners` supply locale
  // and email address. All references must outlive the Outbox.
  Outbox(Store& store, const Clock& clock, std::vector<ChannelSpec> channels, const Config& config,
         Transport& transport, OutboxOptions options = {});

  // Sends every delivery due at `now` (in batches until none is due) and
  // records each outcome with Store::update_delivery: state, attempts,
  // next_attempt_at, sent_at, last_error. The idempotency key is never changed.
  //
  // Fallback (owner `fallback_after: D`, channels [a, b, …]): when a delivery
  // on channel a goes dead (permanent error, dead channel, too old), or is
  // still failing D after it was queued, a delivery on b is queued at once
  // (key derived from a's key, so it is queued once), unless the reminder is
  // no longer in the fired state (done, snoozed, resolved…). The delivery on a
  // keeps being retried. b falls back to c the same way.
  //
  // Channel health: a channel whose service says it no longer exists
  // (SendResult::channel_gone) is dead for this Outbox: its deliveries die
  // without a request (and fall back). A pause the service asks for
  // (SendResult::pause_until, or a 429's Retry-After) defers every delivery of
  // that channel until then.
  // Errors: only store failures (the delivery being processed stays queued).
  Result<OutboxReport> process_due(Instant now);
  // The same at the injected clock's now().
  Result<OutboxReport> process_due() { return process_due(clock_.now()); }

  // Channels found dead by this Outbox: id -> the service's answer.
  const std::map<std::string, std::string>& dead_channels() const { return dead_channels_; }

  // --- asynchronous sending (the daemon)
  // Starts the sender threads. Call once, before dispatch_due().
  void start_workers(OutboxWorkers workers);
  // Like process_due(), but each send goes to a sender thread; returns as soon
  // as the due rows are rendered and leased (report: dead/deferred only).
  // Without workers, the same as process_due().
  Result<OutboxReport> dispatch_due(Instant now);
  // Records the outcomes the sender threads finished (report: sent, retried,
  // dead, fallbacks) in one transaction.
  Result<OutboxReport> collect(Instant now);
  // Rows handed to sender threads and not yet collected.
  std::size_t in_flight() const { return in_flight_.size(); }
  // Shutdown: lets the sends in progress finish (at most the transport
  // timeout), drops the rest (their leases expire; sent after a restart) and
  // joins the threads; then no `notify` comes any more. Call collect() after
  // it to record what finished. dispatch_due() sends nothing afterwards.
  void stop_workers();

  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

 private:
  // A delivery ready to send, with what recording its outcome needs.
  struct Job {
    Delivery delivery;
    Occurrence occurrence;
    const OwnerConfig* owner = nullptr;
    const ChannelSpec* channel = nullptr;
    Message message;
  };
  Status process_one(Delivery d, Instant now, OutboxReport& report);
  // Checks, paces and renders a due delivery: a Job to send, or nullopt when
  // its fate was decided (and recorded) without sending.
  Result<std::optional<Job>> prepare(Delivery d, Instant now, OutboxReport& report);
  Status record(Job job, const SendResult& result, Instant now, OutboxReport& report);
  Status give_up(Delivery& d, const Occurrence* occurrence, const std::string& why, Instant now,
                 OutboxReport& report);
  Status fall_back(const Delivery& failed, const Occurrence& occurrence, Instant now,
                   OutboxReport& report);
  // The action links for a delivery's message when http.public_url is set
  // (deterministic for the delivery: a retry sends the same bytes); none
  // without it or when the action key cannot be loaded (logged).
  std::vector<MessageLink> action_links(const Occurrence& occurrence, const Delivery& delivery,
                                        Locale locale);

  Store& store_;
  const Clock& clock_;
  std::map<std::string, ChannelSpec> channels_;
  const Config& config_;
  Transport& transport_;
  OutboxOptions options_;
  Pacer pacer_;
  std::mt19937_64 rng_;
  std::map<std::string, std::string> dead_channels_;  // id -> why
  std::map<std::string, Instant> paused_until_;       // id -> no send before
  OutboxWorkers workers_;
  std::unique_ptr<delivery::SendPool> pool_;
  bool workers_stopped_ = false;
  std::map<RowId, Job> in_flight_;         // dispatched to the pool, by row id
  std::optional<std::string> action_key_;  // loaded on the first message with links
  bool action_key_failed_ = false;
};

}  // namespace cadence
