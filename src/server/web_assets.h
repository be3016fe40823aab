// The operator page served at / (web/src: plain HTML, CSS and ES modules) and
// the browser bundles it loads on demand (vendor/..., present when the build
// found web/node_modules), compiled into the binary by cmake/embed_web.cmake
// so that `doro serve` needs no files and no network. /assets.json lists
// the embedded paths.
#ifndef DORO_SERVER_WEB_ASSETS_H_
#define DORO_SERVER_WEB_ASSETS_H_

#include <span>
#include <string_view>

namespace doro::server {

struct WebAsset {
  std::string_view path;          // URL path, e.g. "/app.js"
  std::string_view content_type;  // e.g. "text/javascript; charset=utf-8"
  std::string_view body;
};

// Every embedded asset (generated).
std::span<const WebAsset> WebAssets();

// The asset a GET of `path` returns ("/" is /index.html), or null.
const WebAsset* FindWebAsset(std::string_view path);

}  // namespace doro::server

#endif  // DORO_SERVER_WEB_ASSETS_H_
