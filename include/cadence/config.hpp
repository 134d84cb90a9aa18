// The configuration model (cadence.yaml) and its loader.
//
// The structs are plain values: every field says its meaning and its default.
// Loading is strict: unknown keys, wrong types, bad durations, unknown zones,
// dangling references and duplicate ids are errors with a file:line:column.
// Semantic checks that need the calendar or the engine (holiday keys exist, an
// RRULE parses and fires) are done by the engine's rule compiler, which keeps
// the locations recorded here so its messages point into the file too.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cadence/error.hpp"
#include "cadence/time.hpp"

namespace cadence {

// A position in a config file; line and column are 1-based. line == 0: unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class Locale { kZhCN, kEn };

// Depth of an interaction: how far a conversation went (DESIGN.md, 深度).
enum class Depth { kShallow = 0, kNormal = 1, kDeep = 2 };

// An interaction kind and the depth it carries by default.
struct InteractionKind {
  std::string name;  // "visit", "call", ...
  Depth depth = Depth::kNormal;
  SourceLocation where;
};

struct OwnerConfig {
  std::string id;                          // required; [a-z0-9_-]+, unique
  std::string name;                        // display name. Default: the id
  std::string timezone;                    // IANA zone. Default: Config::timezone
  std::optional<Locale> locale;            // Default: Config::locale
  std::string email;                       // optional, for email channels' To:
  std::vector<std::string> channels;       // channel ids, tried in order. Default: none
  std::optional<Duration> fallback_after;  // next channel if not delivered/acked. Default: off
  std::optional<TimeRange> quiet_hours;    // nothing is sent inside. Default: none
  std::optional<TimeOfDay> digest;         // daily digest time. Default: none (immediate)
  bool digest_only = false;  // with digest: only the digest, no immediate messages. Default: false
  std::optional<std::string> manager;  // owner id for escalation. Default: none
  SourceLocation where;
};

// A notification channel. Either `url` (Apprise-style, e.g. "mailtos://…",
// "dingtalk://…") or `type` plus structured fields in `params` (the same
// names as the URL's parts and query). Values may hold secrets: never log them.
struct ChannelConfig {
  std::string id;    // required, unique
  std::string type;  // "console", "email", "slack", ... (from url if empty)
  std::string url;   // optional Apprise-style URL (a secret)
  std::map<std::string, std::string> params;  // other scalar keys, substituted
  SourceLocation where;
};

// A user-defined holiday. Exactly one date form is set.
struct CustomHoliday {
  struct Gregorian {
    unsigned month = 1, day = 1;
  };  // date: "06-18"
  struct Lunar {
    unsigned month = 1, day = 1;
    bool leap = false;
  };                   // lunar: "12-23"
  struct NthWeekday {  // nth_weekday: {month: 11, weekday: thu, n: 4}
    unsigned month = 1;
    unsigned weekday = 0;  // 0 = Sunday .. 6 = Saturday
    int n = 1;             // 1..5, or -1 = last
  };
  struct EasterOffset {
    int days = 0;
  };  // easter: -2 (Good Friday)
  struct SolarTerm {
    unsigned index = 0;
  };  // solar_term: qingming (index 0..23, 0 = 小寒 Minor Cold)

  std::string key;   // stable identifier, unique across sets
  std::string name;  // display name. Default: the key
  std::variant<Gregorian, Lunar, NthWeekday, EasterOffset, SolarTerm> date;
  SourceLocation where;
};

struct HolidayConfig {
  std::vector<std::string> sets;      // built-in sets: cn, us, intl. Default: none
  std::vector<CustomHoliday> custom;  // Default: none
  std::vector<Date> workdays;         // make-up working days (调休). Default: none
  std::vector<Date> days_off;         // extra non-working days (e.g. 国庆 bridge). Default: none
  std::vector<unsigned> weekend = {6, 0};  // weekdays off, 0 = Sunday. Default: Sat, Sun
  SourceLocation where;
};

// Which contacts (or accounts, for account rules) a rule applies to. Every
// field that is set must match (AND); a list matches if any element matches.
// An empty selector matches everything.
struct Selector {
  std::vector<std::string> tags;           // contact has all of these tags
  std::vector<std::string> tiers;          // contact (or account) tier is one of
  std::vector<std::string> accounts;       // account id is one of
  std::vector<std::string> account_tiers;  // account tier is one of
  std::vector<std::string> departments;    // department is one of
  std::vector<std::string> owners;         // owner id is one of
  std::vector<Selector> any;               // at least one sub-selector matches
  std::vector<Selector> all;               // every sub-selector matches
  std::vector<Selector> none;              // no sub-selector matches ("not")
  SourceLocation where;
};

// Triggers: exactly one per rule.
struct CadenceTrigger {             // touch every N since the last counted touch
  Duration every{0};                // required: the target
  std::optional<Duration> at_most;  // hard limit: an escalated reminder. Default: none
  std::vector<std::string> kinds;   // which kinds count. Default: all kinds
};
struct BirthdayTrigger {};         // Gregorian and lunar birthdays of the contact
struct AnniversaryTrigger {        // named contact dates ("first_met", "contract_signed")
  std::vector<std::string> dates;  // Default: all dates the contact has
};
struct HolidayTrigger {
  std::vector<std::string> keys;          // holiday keys (sets or custom)
  std::vector<SourceLocation> key_where;  // location of each key, for the rule compiler
};
struct DepthTrigger {  // at least one interaction of depth >= min every N
  Depth min = Depth::kDeep;
  Duration every{0};
};
struct CoverageTrigger {  // account level: K departments/contacts touched per window
  int departments = 0;    // 0 = not checked
  int contacts = 0;       // 0 = not checked
  Duration window{0};
};
struct ScheduleTrigger {  // RFC 5545 RRULE, all-day occurrences
  std::string rrule;
  std::optional<Date> dtstart;  // Default: the date the rule was first seen
  SourceLocation rrule_where;
};
struct ReviewTrigger {};  // weekly relationship review (issue 9)

using Trigger = std::variant<CadenceTrigger, BirthdayTrigger, AnniversaryTrigger, HolidayTrigger,
                             DepthTrigger, CoverageTrigger, ScheduleTrigger, ReviewTrigger>;

// The trigger's YAML key: "cadence", "birthday", ...
std::string trigger_name(const Trigger& t);

struct RuleConfig {
  std::string id;              // required, unique
  Selector match;              // contacts (match:) or accounts (match_account:)
  bool account_level = false;  // true when the rule used match_account
  Trigger trigger;
  std::optional<TimeOfDay> at;             // local time in the owner's zone. Default: 09:00
  std::vector<Duration> lead;              // offsets before the due date. Default: [0]
  std::optional<Duration> repeat;          // re-send while unhandled. Default: off
  std::optional<Duration> escalate_after;  // to the owner's manager. Default: off
  bool business_days = false;              // move to the next business day. Default: false
  std::optional<int> max_per_day;          // per-owner daily cap on this rule. Default: none
  std::optional<Duration> catch_up;  // how late a missed reminder may fire; 0 = skip. Default: 1d
  bool enabled = true;               // Default: true
  SourceLocation where;
};

struct HttpConfig {
  bool enabled = false;                   // true when the http: section is present
  std::string listen = "127.0.0.1:8787";  // host:port. Default: 127.0.0.1:8787
  std::string public_url;  // base URL for links in reminders. Default: none (no links)
  std::string token;       // API bearer token (a secret). Default: none (API off)
  // HMAC-SHA256 key of the action links (a secret: use ${file:} or ${cred:}).
  // Default: none (cadenced generates <database dir>/http.key, 0600, on first start).
  std::string key;
  SourceLocation where;
};

// `delivery:` how a failing delivery is retried and when it is given up.
struct DeliveryConfig {
  // A delivery still failing this long after it fell due is dead (after at
  // least 8 attempts; the last attempt is made at this age). Default: 24h
  Duration max_age{24 * 3600};
  // Retry delays: random in [0, min(retry_max, retry_base · 2^attempts)]
  // (full jitter), never shorter than the service's Retry-After.
  Duration retry_base{2};   // Default: 2s
  Duration retry_max{600};  // Default: 10m
  SourceLocation where;     // of the section, when present
};

enum class Feb29Policy { kFeb28, kMar1 };

// A value ${env:}, ${file:} or ${cred:} put into the config, with the
// reference that produced it ("${env:SMTP_PASSWORD}").
struct SubstitutedValue {
  std::string value;
  std::string reference;
};

// `message` with every substituted value of 4 bytes or more replaced by its
// reference: what any message about a config must go through before it is
// printed or logged (shorter values, a port or "1", are not secrets, and
// replacing them would garble the text).
std::string scrub_substituted_values(std::string message,
                                     const std::vector<SubstitutedValue>& values);

struct Config {
  std::string source_file;                 // the file this came from
  std::string timezone = "Asia/Shanghai";  // default zone for owners and contacts
  Locale locale = Locale::kZhCN;           // Default: zh-CN
  std::string database = "/var/lib/cadence/cadence.db";
  Feb29Policy feb29 = Feb29Policy::kFeb28;  // birthdays.feb29: feb28 | mar1
  std::vector<OwnerConfig> owners;
  std::vector<ChannelConfig> channels;
  HolidayConfig holidays;
  std::vector<InteractionKind> kinds;  // Default: the table in DESIGN.md
  std::vector<RuleConfig> rules;
  HttpConfig http;
  DeliveryConfig delivery;

  // Every value substituted into this config (cadence.yaml(5): never printed).
  std::vector<SubstitutedValue> substituted;

  const OwnerConfig* find_owner(std::string_view id) const;
  const ChannelConfig* find_channel(std::string_view id) const;
  const InteractionKind* find_kind(std::string_view name) const;
  // scrub_substituted_values(message, substituted).
  std::string scrubbed(std::string message) const;
};

// One problem found while loading. to_string() gives
// "FILE:LINE:COL: error: message" (or "FILE: error: message" without a line).
struct ConfigDiagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  SourceLocation where;
  std::string message;

  std::string to_string() const;
};

struct ConfigLoadResult {
  std::optional<Config> config;               // set when there is no error
  std::vector<ConfigDiagnostic> diagnostics;  // errors and warnings, in file order

  bool ok() const { return config.has_value(); }
};

// Where ${env:NAME}, ${file:PATH} and ${cred:NAME} substitutions look.
struct SubstitutionSource {
  // Returns the environment variable, or nullopt. Default: ::getenv.
  std::function<std::optional<std::string>(const std::string&)> getenv;
  // $CREDENTIALS_DIRECTORY (systemd credentials). Default: from getenv.
  std::optional<std::string> credentials_directory;

  static SubstitutionSource from_process();
};

// Reads and validates a config file. Never throws. A missing, unreadable,
// empty, non-UTF-8, oversized (> 4 MiB) or directory path is one error.
ConfigLoadResult load_config_file(const std::string& path, const SubstitutionSource& subst);
// The same for text already in memory; `file_name` is used in locations.
ConfigLoadResult parse_config(std::string_view text, const std::string& file_name,
                              const SubstitutionSource& subst);

// The default config file: $CADENCE_CONFIG, else /etc/cadence/cadence.yaml.
std::string default_config_path();

}  // namespace cadence
