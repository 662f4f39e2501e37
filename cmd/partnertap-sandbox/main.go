// Command partnertap-sandbox serves the PartnerTap API over a generated dataset, on loopback by
// default. Try the plugin against it without a PartnerTap account: see the README.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

func main() {
	// The sandbox's garbage is its pages, built and dropped on every request: collecting at four
	// times the live heap, not twice, halves its GC work, and its heap stays small beside a page.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "partnertap-sandbox:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	cfg, addr, err := parseFlags(args)
	if err != nil {
		return err
	}
	start := time.Now()
	srv, err := sandbox.New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	d := cfg.Dataset
	log.Printf("dataset generated in %s: seed %d, %d accounts, %d partners, %d reps, %d opportunities",
		time.Since(start).Round(time.Millisecond), d.Seed, d.Accounts, d.Partners, d.Reps, d.Opportunities)
	log.Printf("serving the PartnerTap sandbox on http://%s (demo API key %s)", ln.Addr(), sandbox.DemoAPIKey)

	server := srv.HTTPServer()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdown)
	}()
	if err := server.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// parseFlags is the sandbox's config and the address to listen on, from the command line.
func parseFlags(args []string) (sandbox.Config, string, error) {
	fs := flag.NewFlagSet("partnertap-sandbox", flag.ContinueOnError)
	def := sandbox.DefaultDatasetConfig
	host := fs.String("host", "127.0.0.1", "address to listen on (loopback by default)")
	port := fs.Int("port", 8787, "port to listen on (0 picks a free one)")
	seed := fs.Uint64("seed", def.Seed, "dataset seed: the same seed always serves the same data")
	accounts := fs.Int("accounts", def.Accounts, "CRM accounts in the dataset (1,000,000 and more are fine)")
	partners := fs.Int("partners", def.Partners, "connected partner organizations")
	reps := fs.Int("reps", def.Reps, "sales reps")
	opps := fs.Int("opportunities", def.Opportunities, "opportunities shared in or out")
	lifetime := fs.Duration("token-lifetime", sandbox.DocumentedTokenLifetime, "lifetime of minted JWTs (short ones test renewal)")
	v1Limit := fs.Int("v1-rate-limit", 100, "v1 API requests per key per rolling minute (negative: no limit)")
	pageCacheMB := fs.Int("page-cache-mb", 0, "for benchmarks: answer repeated list requests from up to this many MiB of answers kept in memory")
	var faults sandbox.Faults
	fs.IntVar(&faults.LatencyMS, "latency-ms", 0, "fault: milliseconds from a request's arrival to its answer")
	fs.IntVar(&faults.FailStatus, "fail-status", 0, "fault: HTTP status answered by failing requests (e.g. 429, 503)")
	fs.IntVar(&faults.FailEvery, "fail-every", 0, "fault: fail every N-th API request with -fail-status")
	fs.IntVar(&faults.FailFirst, "fail-first", 0, "fault: fail the first N API requests with -fail-status")
	fs.StringVar(&faults.RetryAfter, "retry-after", "", "fault: Retry-After sent with injected 429 and 503 answers")
	fs.IntVar(&faults.DropEvery, "drop-every", 0, "fault: drop the connection of every N-th API request")
	fs.IntVar(&faults.TruncateEvery, "truncate-every", 0, "fault: cut the body of every N-th API answer in half")
	fs.IntVar(&faults.ShiftRows, "shift-rows", 0, "fault: insert N rows at the front of every list after its first page")
	var churn sandbox.Churn
	fs.Float64Var(&churn.Inserts, "churn-inserts", 0, "live data: rows inserted into each keyed list per second")
	fs.Float64Var(&churn.Deletes, "churn-deletes", 0, "live data: rows deleted from each keyed list per second")
	fs.Float64Var(&churn.Updates, "churn-updates", 0, "live data: rows updated in each keyed list per second")
	fs.Uint64Var(&churn.Seed, "churn-seed", 1, "live data: the seed that picks the rows changed")
	churnLists := fs.String("churn-lists", "", "live data: comma-separated lists that change, legacy paths or v1 list types (default: every keyed list)")
	if err := fs.Parse(args); err != nil {
		return sandbox.Config{}, "", err
	}
	if *churnLists != "" {
		churn.Lists = strings.Split(*churnLists, ",")
	}
	cfg := sandbox.Config{
		Dataset:       sandbox.DatasetConfig{Seed: *seed, Accounts: *accounts, Partners: *partners, Reps: *reps, Opportunities: *opps},
		TokenLifetime: *lifetime,
		V1RateLimit:   *v1Limit,
		Faults:        faults,
		Churn:         churn,
		PageCacheMB:   *pageCacheMB,
	}
	return cfg, net.JoinHostPort(*host, fmt.Sprint(*port)), nil
}
