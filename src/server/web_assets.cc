#include "server/web_assets.h"

namespace doro::server {

const WebAsset* FindWebAsset(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (const WebAsset& asset : WebAssets()) {  // a dozen entries: a scan is enough
    if (asset.path == path) return &asset;
  }
  return nullptr;
}

}  // namespace doro::server
