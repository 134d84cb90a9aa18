// libcurl easy handles, one per connection key, so a burst to one service
// reuses its TLS connection.
#include <curl/curl.h>

#include <cctype>
#include <map>
#include <memory>

#include "delivery/http.hpp"

namespace cadence::delivery {
namespace {

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

void ensure_curl_global() { static CurlGlobal once; }

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  // Answers are short; cap what we keep so a hostile endpoint cannot fill memory.
  constexpr std::size_t kMaxBody = 64 * 1024;
  std::size_t len = size * n;
  if (out->size() < kMaxBody) out->append(data, std::min(len, kMaxBody - out->size()));
  return len;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.pop_back();
    }
    (*headers)[name] = value;
  } else if (line.starts_with("HTTP/")) {
    headers->clear();  // a new response (e.g. after 100 Continue)
  }
  return size * n;
}

}  // namespace

struct HttpClient::Impl {
  std::chrono::milliseconds connect_timeout;
  std::chrono::milliseconds total_timeout;
  std::map<std::string, CURL*> handles;

  ~Impl() {
    for (auto& [key, h] : handles) curl_easy_cleanup(h);
  }

  CURL* handle(const std::string& key) {
    auto it = handles.find(key);
    if (it != handles.end()) return it->second;
    CURL* h = curl_easy_init();
    handles[key] = h;
    return h;
  }
};

HttpClient::HttpClient(std::chrono::milliseconds connect_timeout,
                       std::chrono::milliseconds total_timeout)
    : impl_(new Impl{connect_timeout, total_timeout, {}}) {
  ensure_curl_global();
}

HttpClient::~HttpClient() { delete impl_; }

HttpResponse HttpClient::perform(const std::string& connection_key, const HttpRequest& request) {
  HttpResponse response;
  CURL* h = impl_->handle(connection_key);
  if (h == nullptr) {
    response.transport_error = "curl_easy_init failed";
    return response;
  }
  curl_easy_reset(h);  // keeps the connection cache
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  // No "Expect: 100-continue" round trip for small JSON bodies.
  headers = curl_slist_append(headers, "Expect:");
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a 3xx is a failure, never followed
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(impl_->connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(impl_->total_timeout.count()));
  curl_easy_setopt(h, CURLOPT_USERAGENT, "cadence/" CADENCE_VERSION);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    response.status = 0;
    response.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    // curl's messages name hosts, not URLs with credentials.
    response.transport_error = std::string(curl_easy_strerror(rc));
    if (error_buffer[0] != '\0') response.transport_error += ": " + std::string(error_buffer);
    return response;
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace cadence::delivery
