#include "cli/serve_command.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <memory>
#include <string>
#include <thread>

#include "db/index_file.h"
#include "cli/exit_codes.h"
#include "match/engine.h"
#include "server/index_dir.h"
#include "server/server.h"
#include "util/file_signature.h"

namespace doro::cli {
namespace {

using server::ReloadFn;
using server::Response;
using server::Server;
using server::ServerOptions;

struct ServeFlags {
  std::string db;
  std::string watch_dir;  // --watch DIR: serve the newest index file in DIR
  ServerOptions options;
  EngineOptions engine;
  double idle_timeout_seconds = 30;
  double watch_seconds = 2;
};

std::shared_ptr<const Engine> OpenEngine(const std::string& db, const EngineOptions& options, std::string* error) {
  std::unique_ptr<Engine> engine = Engine::Open(db, error, options);
  return std::shared_ptr<const Engine>(std::move(engine));
}

// The same summary as `doro index build` and /healthz give (LoadSummary).
void LogLoad(const char* what, const std::string& db, const LoadReport& r) {
  spdlog::info("{} {}: {}, {:.3f} s", what, db.empty() ? "built-in demo database" : db, LoadSummary(r), r.seconds);
  for (const auto& sample : r.bad_line_samples) spdlog::warn("bad line: {}", sample);
}

// --db (or the demo): opens it, sets up the watch of an index file and the
// reload function reopening the same path.
std::shared_ptr<const Engine> OpenDb(const ServeFlags& flags, std::chrono::milliseconds watch_interval,
                                     ServerOptions* options, ReloadFn* reload) {
  // Only an index file is watched: it carries a checksum, so a copy caught
  // half-written is refused. Text files carry none, and a directory being
  // unpacked could be loaded half-way: those reload on SIGHUP only.
  if (!flags.db.empty() && flags.watch_seconds > 0 && db::IndexFile::LooksLikeIndex(flags.db)) {
    options->watch_path = flags.db;
    options->watch_interval = watch_interval;
    options->watch_baseline = util::SignatureOf(flags.db);  // before opening: a change while it opens is seen
  }
  std::string error;
  auto engine = OpenEngine(flags.db, flags.engine, &error);
  if (!engine) {
    spdlog::error("cannot open database {}: {}", flags.db, error);
    throw CLI::RuntimeError(kExitRuntime);
  }
  if (flags.db.empty()) {
    spdlog::warn("no --db given, serving the built-in demo database (a few streets, for trying doro out)");
  }
  LogLoad("loaded", flags.db, engine->report());

  const std::string db = flags.db;
  const EngineOptions engine_options = flags.engine;
  *reload = [db, engine_options](std::string* err) -> std::shared_ptr<const Engine> {
    auto fresh = OpenEngine(db, engine_options, err);
    if (fresh) LogLoad("reopened", db, fresh->report());
    return fresh;
  };
  return engine;
}

void Serve(const ServeFlags& flags) {
  // The log is diagnostics, errors included: stderr, leaving stdout clean.
  spdlog::set_default_logger(
      std::make_shared<spdlog::logger>("doro", std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
  // Signals are handled by Asio on this thread. Installed first, so that a
  // signal arriving while the database loads is held, not lost or fatal.
  boost::asio::io_context signals_ioc;
  boost::asio::signal_set signals(signals_ioc, SIGINT, SIGTERM, SIGHUP);

  ServerOptions options = flags.options;
  options.idle_timeout = std::chrono::milliseconds(static_cast<int64_t>(flags.idle_timeout_seconds * 1000));
  const auto watch_interval =
      std::chrono::milliseconds(std::max<int64_t>(1, static_cast<int64_t>(flags.watch_seconds * 1000)));
  std::string error;
  std::shared_ptr<const Engine> engine;
  ReloadFn reload;
  std::string served_name;  // for the log: --db, or the directory followed
  if (!flags.watch_dir.empty()) {
    // The directory chooses the file (server/index_dir.h); every reload,
    // whatever its trigger, goes through the same choice.
    const EngineOptions engine_options = flags.engine;
    auto dir = std::make_shared<server::IndexDir>(
        flags.watch_dir, [engine_options](const std::string& path, std::string* err) {
          auto fresh = OpenEngine(path, engine_options, err);
          if (fresh) LogLoad("opened", path, fresh->report());
          return fresh;
        });
    engine = dir->OpenNewest(&error);
    if (!engine) {
      spdlog::error("cannot serve from {}: {}", flags.watch_dir, error);
      throw CLI::RuntimeError(kExitRuntime);
    }
    options.watch_dir = dir;
    if (flags.watch_seconds > 0) options.watch_interval = watch_interval;
    reload = [dir](std::string* err) { return dir->Reopen(err); };
    served_name = "the newest index file in " + flags.watch_dir;
  } else {
    engine = OpenDb(flags, watch_interval, &options, &reload);
    served_name = flags.db.empty() ? "built-in demo database" : flags.db;
  }

  Server server(options, std::move(engine), std::move(reload));
  if (!server.Start(&error)) {
    spdlog::error("{}", error);
    throw CLI::RuntimeError(kExitRuntime);
  }
  spdlog::info("serving on http://{}:{} with {} threads", options.host, server.port(),
               options.threads == 0 ? std::thread::hardware_concurrency() : options.threads);
  if (options.watch_dir) {
    spdlog::info("following {}: a new index file renamed into it is served{}", flags.watch_dir,
                 options.watch_interval.count() > 0
                     ? fmt::format(" within {} s", flags.watch_seconds)
                     : std::string(" at SIGHUP (--watch-interval 0)"));
  }

  std::function<void(const boost::system::error_code&, int)> on_signal;
  on_signal = [&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    if (signal == SIGHUP) {
      spdlog::info("SIGHUP: reloading {}", served_name);
      server.ReloadAsync([](const Response& r) {
        if (r.status != 200) spdlog::error("reload failed: {}", r.body);
      });
      signals.async_wait(on_signal);
      return;
    }
    spdlog::info("signal {}: finishing in-flight requests", signal);
  };
  signals.async_wait(on_signal);
  signals_ioc.run();  // returns after SIGINT/SIGTERM: no handler re-armed
  server.Stop();
  spdlog::info("stopped");
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("serve", "Serve refinement over HTTP (JSON API, /metrics, /healthz)");
  auto f = std::make_shared<ServeFlags>();
  auto* db = cmd->add_option("--db", f->db,
                             "Directory or file of official rnaddrkor_*.txt files, or an index file (default: built-in demo)");
  cmd->add_option("--watch", f->watch_dir,
                  "Serve the newest index file in DIR (modification time, then name) and follow it: a newer one renamed "
                  "in is checked and served; temporary names (.*, *.tmp, *.part) are ignored; instead of --db")
      ->type_name("DIR")
      ->excludes(db);
  cmd->add_option("--host", f->options.host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", f->options.port, "Port to listen on (0 = any free port)")->capture_default_str();
  cmd->add_option("--threads", f->options.threads, "I/O and batch threads (0 = all cores)")->capture_default_str();
  cmd->add_option("--max-body-bytes", f->options.limits.max_body_bytes, "Largest request body; larger -> 413")
      ->capture_default_str();
  cmd->add_option("--max-items", f->options.limits.max_items, "Most labels in one request; more -> 413")
      ->capture_default_str();
  cmd->add_option("--max-label-bytes", f->engine.max_label_bytes,
                  "Longest label; longer ones get no answer (bad_input)")
      ->capture_default_str();
  cmd->add_option("--max-buffered-body-bytes", f->options.max_buffered_body_bytes,
                  "Request bodies held at once by all connections; a body past it -> 503 with Retry-After")
      ->capture_default_str();
  cmd->add_option("--watch-interval", f->watch_seconds,
                  "Seconds between checks of an index file --db for a change (inode, size, times), which reloads it, "
                  "or of the --watch DIR for a newer file; 0 = off (SIGHUP only)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--idle-timeout", f->idle_timeout_seconds,
                  "Seconds a connection may stay idle or take to send a request / read a response")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--access-log", f->options.access_log,
                "Log one line per request to stderr: method, path (no query), status, items, ms");
  cmd->footer(std::string(
                  "Endpoints: POST /v1/batch, GET|POST /v1/refine (GET: ?address= or ?keyword=),\n"
                  "POST /v1/refine/batch, GET /healthz, GET /metrics, POST /admin/reload (loopback).\n"
                  "SIGHUP reloads --db without dropping requests; SIGTERM/SIGINT stop gracefully (exit 0).\n"
                  "With --watch DIR: write a new index under a temporary name in DIR and rename it in\n"
                  "(doro index build --out DIR/NAME does); it is checked and served, or refused (logged,\n"
                  "counted in /metrics, the old one kept) and not retried until it changes. Deleting\n"
                  "files changes nothing; SIGHUP serves the newest file of DIR that passes the checks\n"
                  "(delete or touch files first to roll back). /healthz names the file served.\n"
                  "The log goes to stderr.\n") +
              kExitCodesHelp + "; 1 also when the port cannot be bound or --watch DIR has no index that passes\n"
              "\nExamples:\n  doro serve --db korea.idx --port 8080 --access-log\n"
              "  doro serve --watch /var/lib/doro --port 8080");
  cmd->callback([f] { Serve(*f); });
}

}  // namespace doro::cli
