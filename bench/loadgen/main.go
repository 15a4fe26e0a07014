// Command loadgen drives one unary gRPC method of a server with pre-encoded request messages at
// a list of concurrency levels, and prints one JSON object per level: p50_us, p99_us,
// throughput_rps, errors. It is the benchmarks' load generator (bench/src/grpc-load.ts starts
// it): compiled, one HTTP/2 connection, messages passed through as bytes, so the shared cores go
// to the server under test rather than to the client — the way Triton's perf_analyzer measures.
//
//	loadgen -addr 127.0.0.1:8080 -method /pkg.Service/Method -requests FILE -levels 1,8,64 -seconds 5
//
// FILE holds the request messages, each as a 4-byte big-endian length and the encoded message;
// call i sends message i mod count. A call counts when its status is OK and its reply is not empty.
package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
)

// rawCodec sends and receives messages as the bytes they already are.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(data []byte, v any) error {
	*(v.(*[]byte)) = data
	return nil
}
func (rawCodec) Name() string { return "proto" }

var _ encoding.Codec = rawCodec{}

// level is what one concurrency level measured.
type level struct {
	Concurrency   int     `json:"concurrency"`
	P50Us         int64   `json:"p50_us"`
	P99Us         int64   `json:"p99_us"`
	ThroughputRps float64 `json:"throughput_rps"`
	Errors        int64   `json:"errors"`
	FirstError    string  `json:"first_error,omitempty"`
}

func readRequests(path string) ([][]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for len(data) > 0 {
		if len(data) < 4 {
			return nil, fmt.Errorf("%s: truncated length prefix", path)
		}
		n := int(binary.BigEndian.Uint32(data))
		if len(data) < 4+n {
			return nil, fmt.Errorf("%s: message of %d bytes runs past the end", path, n)
		}
		out = append(out, data[4:4+n])
		data = data[4+n:]
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no request messages", path)
	}
	return out, nil
}

func percentile(sorted []int64, p float64) int64 {
	if len(sorted) == 0 {
		return -1
	}
	i := int(p / 100 * float64(len(sorted)))
	if i >= len(sorted) {
		i = len(sorted) - 1
	}
	return sorted[i]
}

func run(conn *grpc.ClientConn, method string, requests [][]byte, concurrency int, warmup, measure time.Duration) level {
	var measuring, stop atomic.Bool
	var errors atomic.Int64
	var firstError atomic.Value
	latencies := make([][]int64, concurrency)
	var done atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			samples := make([]int64, 0, 1<<16)
			for i := w; !stop.Load(); i += concurrency {
				req := requests[i%len(requests)]
				var reply []byte
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				started := time.Now()
				err := conn.Invoke(ctx, method, &req, &reply, grpc.ForceCodec(rawCodec{}))
				elapsed := time.Since(started)
				cancel()
				if !measuring.Load() {
					continue
				}
				if err != nil || len(reply) == 0 {
					errors.Add(1)
					if err != nil {
						firstError.CompareAndSwap(nil, err.Error())
					}
					continue
				}
				samples = append(samples, elapsed.Microseconds())
				done.Add(1)
			}
			latencies[w] = samples
		}(w)
	}
	time.Sleep(warmup)
	measuring.Store(true)
	began := time.Now()
	time.Sleep(measure)
	measuring.Store(false)
	completed := done.Load()
	elapsed := time.Since(began)
	stop.Store(true)
	wg.Wait()
	var all []int64
	for _, s := range latencies {
		all = append(all, s...)
	}
	sort.Slice(all, func(a, b int) bool { return all[a] < all[b] })
	out := level{
		Concurrency:   concurrency,
		P50Us:         percentile(all, 50),
		P99Us:         percentile(all, 99),
		ThroughputRps: float64(completed) / elapsed.Seconds(),
		Errors:        errors.Load(),
	}
	if e, ok := firstError.Load().(string); ok {
		out.FirstError = e
	}
	return out
}

func main() {
	addr := flag.String("addr", "", "server address, host:port")
	method := flag.String("method", "", "full method path, /package.Service/Method")
	requestsPath := flag.String("requests", "", "file of length-prefixed request messages")
	levels := flag.String("levels", "1", "comma-separated concurrency levels")
	seconds := flag.Float64("seconds", 5, "measured seconds per level")
	warmupSeconds := flag.Float64("warmup", 1, "warm-up seconds per level")
	flag.Parse()
	if *addr == "" || *method == "" || *requestsPath == "" {
		fmt.Fprintln(os.Stderr, "loadgen: -addr, -method and -requests are required")
		os.Exit(2)
	}
	requests, err := readRequests(*requestsPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	// Every argument is checked before connecting, so no error exit skips the deferred Close.
	var concurrencies []int
	for _, field := range strings.Split(*levels, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || c < 1 {
			fmt.Fprintf(os.Stderr, "loadgen: -levels: expected positive integers, got %q\n", field)
			os.Exit(2)
		}
		concurrencies = append(concurrencies, c)
	}
	conn, err := grpc.NewClient(*addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	defer conn.Close()
	enc := json.NewEncoder(os.Stdout)
	warm := time.Duration(*warmupSeconds * float64(time.Second))
	measure := time.Duration(*seconds * float64(time.Second))
	for _, c := range concurrencies {
		_ = enc.Encode(run(conn, *method, requests, c, warm, measure))
	}
}
