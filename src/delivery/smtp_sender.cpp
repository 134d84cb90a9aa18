#include "delivery/smtp_sender.hpp"

#include <curl/curl.h>

#include <cstring>

namespace cadence::delivery {
namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t on_read(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t room = size * n;
  std::size_t left = up->data->size() - up->offset;
  std::size_t len = std::min(room, left);
  std::memcpy(buffer, up->data->data() + up->offset, len);
  up->offset += len;
  return len;
}

}  // namespace

SmtpSender::SmtpSender(std::chrono::milliseconds connect_timeout,
                       std::chrono::milliseconds total_timeout)
    : connect_timeout_(connect_timeout), total_timeout_(total_timeout) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

SmtpSender::~SmtpSender() {
  for (auto& [id, h] : handles_) curl_easy_cleanup(static_cast<CURL*>(h));
}

SendResult SmtpSender::send(const ChannelSpec& channel, const std::vector<std::string>& recipients,
                            const std::string& message) {
  SendResult out;
  const EmailSpec& e = channel.email;
  if (recipients.empty()) {
    out.outcome = Outcome::kPermanent;
    out.detail = "no recipient: set to= on the channel or email: on the owner";
    return out;
  }
  void*& slot = handles_[channel.id];
  if (slot == nullptr) slot = curl_easy_init();
  CURL* h = static_cast<CURL*>(slot);
  if (h == nullptr) {
    out.detail = "curl_easy_init failed";
    return out;
  }
  curl_easy_reset(h);  // keeps the open connection for the next message
  curl_easy_setopt(h, CURLOPT_URL, e.smtp_url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (e.security == SmtpSecurity::kStartTls) {
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!e.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, e.ca_file.c_str());
  if (!e.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, e.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, e.password.c_str());
  }
  if (!e.login_options.empty()) curl_easy_setopt(h, CURLOPT_LOGIN_OPTIONS, e.login_options.c_str());
  std::string from = "<" + e.from_address + ">";
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_slist* rcpt = nullptr;
  for (const auto& r : recipients) rcpt = curl_slist_append(rcpt, ("<" + r + ">").c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
  Upload up{&message};
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt(h, CURLOPT_READDATA, &up);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout_.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(total_timeout_.count()));
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(rcpt);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  out.status = static_cast<int>(code);
  if (rc == CURLE_OK) {
    out.outcome = Outcome::kDelivered;
    out.detail = "SMTP " + std::to_string(code) + " accepted";
    return out;
  }
  out.detail = std::string(curl_easy_strerror(rc));
  if (error_buffer[0] != '\0') out.detail += ": " + std::string(error_buffer);
  if (code > 0) out.detail = "SMTP " + std::to_string(code) + ": " + out.detail;
  // A 5xx to the greeting or to EHLO and HELO refuses the session, not this
  // message: a relay in maintenance, our address not yet allowed. It is
  // retried until max_age, as Postfix defers mail when every server greets
  // with 5xx (smtp_skip_5xx_greeting). A 5xx to MAIL FROM, RCPT TO or the
  // message refuses the message or its addresses, and 535 the credentials:
  // sending again changes nothing, so those are permanent. curl reports a
  // refused greeting and a refused message alike (CURLE_WEIRD_SERVER_REPLY);
  // only the message's upload having begun tells them apart.
  const bool session_refused =
      up.offset == 0 && (rc == CURLE_WEIRD_SERVER_REPLY || rc == CURLE_REMOTE_ACCESS_DENIED);
  if (rc == CURLE_LOGIN_DENIED || (code >= 500 && code < 600 && !session_refused)) {
    out.outcome = Outcome::kPermanent;
  } else {
    out.outcome = Outcome::kRetryable;  // 4xx, a refused session, connect/TLS failures, timeouts
  }
  // A failed transfer may leave the connection in an unknown state: start over.
  curl_easy_cleanup(h);
  slot = nullptr;
  return out;
}

EmailMessage email_for(const ChannelSpec& channel, const Message& message) {
  EmailMessage m;
  m.from = {channel.email.from_name, channel.email.from_address};
  if (!channel.email.to.empty()) {
    for (const auto& to : channel.email.to) m.to.push_back({"", to});
  } else if (!message.to_address.empty()) {
    m.to.push_back({message.to_name, message.to_address});
  }
  m.subject = message.title;
  m.text = message.text;
  m.html = message.html;
  std::string domain = channel.email.from_address.substr(channel.email.from_address.find('@') + 1);
  m.message_id = message.idempotency_key + "@" + domain;
  m.date = message.created;
  return m;
}

}  // namespace cadence::delivery
