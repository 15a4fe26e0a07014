package arbiter

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	arbiterpb "github.com/arbiter-mesh/arbiter/clients/go/gen/arbiter/v1"
)

// registry is a model registry on a loopback port that fails each method with UNAVAILABLE a
// configured number of times and records what reached it.
type registry struct {
	arbiterpb.UnimplementedModelRegistryServiceServer
	mu            sync.Mutex
	failuresLeft  map[string]int
	attempts      map[string]int
	authorization []string
	deadline      time.Duration
}

func (r *registry) arrive(ctx context.Context, method string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.attempts[method]++
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		r.authorization = md.Get("authorization")
	}
	if deadline, ok := ctx.Deadline(); ok {
		r.deadline = time.Until(deadline)
	}
	if r.failuresLeft[method] > 0 {
		r.failuresLeft[method]--
		return status.Error(codes.Unavailable, "restarting")
	}
	return nil
}

// seen is what reached the server so far: attempts of method, the last authorization
// metadata and the last deadline.
func (r *registry) seen(method string) (int, []string, time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.attempts[method], r.authorization, r.deadline
}

func (r *registry) attemptsOf(method string) int {
	attempts, _, _ := r.seen(method)
	return attempts
}

func (r *registry) ListModels(ctx context.Context, _ *arbiterpb.ListModelsRequest) (*arbiterpb.ListModelsResponse, error) {
	if err := r.arrive(ctx, "ListModels"); err != nil {
		return nil, err
	}
	return &arbiterpb.ListModelsResponse{Models: []*arbiterpb.Model{{Name: "risk-classifier", Version: 1}}}, nil
}

func (r *registry) DeleteModel(ctx context.Context, _ *arbiterpb.DeleteModelRequest) (*arbiterpb.DeleteModelResponse, error) {
	if err := r.arrive(ctx, "DeleteModel"); err != nil {
		return nil, err
	}
	return &arbiterpb.DeleteModelResponse{}, nil
}

func startRegistry(t *testing.T, failures map[string]int, options ...grpc.ServerOption) (*registry, string) {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer(options...)
	r := &registry{failuresLeft: failures, attempts: map[string]int{}}
	arbiterpb.RegisterModelRegistryServiceServer(server, r)
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(server.Stop)
	return r, listener.Addr().String()
}

func dial(t *testing.T, address string, options ...Option) *Client {
	t.Helper()
	client, err := Dial(address, append([]Option{WithInsecure()}, options...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Close() })
	return client
}

func TestAPIKeyIsSentAsBearerOnEveryCall(t *testing.T) {
	r, address := startRegistry(t, nil)
	client := dial(t, address, WithAPIKey("arb_example.secret"))
	if _, err := client.Models.ListModels(context.Background(), &arbiterpb.ListModelsRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, authorization, _ := r.seen("ListModels"); !slices.Equal(authorization, []string{"Bearer arb_example.secret"}) {
		t.Fatalf("authorization metadata %q", authorization)
	}
}

func TestIdempotentCallsAreRetriedOnUnavailable(t *testing.T) {
	r, address := startRegistry(t, map[string]int{"ListModels": 2, "DeleteModel": 1})
	client := dial(t, address)
	listed, err := client.Models.ListModels(context.Background(), &arbiterpb.ListModelsRequest{})
	if err != nil {
		t.Fatalf("ListModels (NO_SIDE_EFFECTS) failed despite retries: %v", err)
	}
	if len(listed.GetModels()) != 1 || r.attemptsOf("ListModels") != 3 {
		t.Fatalf("%d models after %d attempts", len(listed.GetModels()), r.attemptsOf("ListModels"))
	}
	// DeleteModel changes state: its failure reaches the caller, who decides whether to repeat it.
	_, err = client.Models.DeleteModel(context.Background(), &arbiterpb.DeleteModelRequest{Name: "risk-classifier"})
	if status.Code(err) != codes.Unavailable || r.attemptsOf("DeleteModel") != 1 {
		t.Fatalf("DeleteModel: %v after %d attempts", err, r.attemptsOf("DeleteModel"))
	}
}

func TestWithoutRetriesSurfacesTheFirstFailure(t *testing.T) {
	r, address := startRegistry(t, map[string]int{"ListModels": 1})
	client := dial(t, address, WithoutRetries())
	_, err := client.Models.ListModels(context.Background(), &arbiterpb.ListModelsRequest{})
	if status.Code(err) != codes.Unavailable || r.attemptsOf("ListModels") != 1 {
		t.Fatalf("ListModels: %v after %d attempts", err, r.attemptsOf("ListModels"))
	}
}

func TestUnaryCallsGetTheDefaultDeadline(t *testing.T) {
	r, address := startRegistry(t, nil)
	client := dial(t, address, WithTimeout(5*time.Second))
	if _, err := client.Models.ListModels(context.Background(), &arbiterpb.ListModelsRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, _, deadline := r.seen("ListModels"); deadline <= 0 || deadline > 5*time.Second {
		t.Fatalf("the server saw a deadline of %v, want at most 5s", deadline)
	}
	// A deadline the caller set wins over the default.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := client.Models.ListModels(ctx, &arbiterpb.ListModelsRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, _, deadline := r.seen("ListModels"); deadline <= 5*time.Second {
		t.Fatalf("the server saw a deadline of %v, want the caller's minute", deadline)
	}
}

func TestIdempotentMethodsFollowTheContract(t *testing.T) {
	methods := IdempotentMethods()
	for _, want := range []string{"arbiter.v1.ModelRegistryService/GetModel", "arbiter.v1.ModelRegistryService/ListModels", "arbiter.v1.TaskService/GetTask"} {
		if !slices.Contains(methods, want) {
			t.Errorf("%s is missing from %v", want, methods)
		}
	}
	for _, unsafe := range []string{"arbiter.v1.ModelRegistryService/RegisterModel", "arbiter.v1.DecisionService/Decide", "arbiter.v1.InferenceService/Infer"} {
		if slices.Contains(methods, unsafe) {
			t.Errorf("%s changes state but would be retried", unsafe)
		}
	}
}

// selfSigned writes a self-signed certificate for 127.0.0.1 to a PEM file and returns the
// file and the server's TLS certificate.
func selfSigned(t *testing.T) (string, tls.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "arbiter test gateway"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:             time.Now().Add(-time.Minute),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return caFile, tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func TestTLSWithACAFileCarriesTheToken(t *testing.T) {
	caFile, certificate := selfSigned(t)
	serverTLS := credentials.NewTLS(&tls.Config{Certificates: []tls.Certificate{certificate}})
	r, address := startRegistry(t, nil, grpc.Creds(serverTLS))

	client, err := Dial(address, WithCAFile(caFile), WithJWT("eyJ.example.token"))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if _, err := client.Models.ListModels(context.Background(), &arbiterpb.ListModelsRequest{}); err != nil {
		t.Fatalf("ListModels over TLS: %v", err)
	}
	if _, authorization, _ := r.seen("ListModels"); !slices.Equal(authorization, []string{"Bearer eyJ.example.token"}) {
		t.Fatalf("authorization metadata %q", authorization)
	}

	// The system's roots do not know the self-signed certificate: the handshake fails and no
	// call reaches the server.
	untrusting, err := Dial(address, WithJWT("eyJ.example.token"), WithoutRetries())
	if err != nil {
		t.Fatal(err)
	}
	defer untrusting.Close()
	_, err = untrusting.Models.ListModels(context.Background(), &arbiterpb.ListModelsRequest{})
	if status.Code(err) != codes.Unavailable || r.attemptsOf("ListModels") != 1 {
		t.Fatalf("ListModels with an unknown certificate: %v after %d attempts", err, r.attemptsOf("ListModels"))
	}
}

func TestInsecureCannotBeCombinedWithTLSSettings(t *testing.T) {
	if _, err := Dial("127.0.0.1:1", WithInsecure(), WithCAFile("ca.pem")); err == nil {
		t.Fatal("WithInsecure and WithCAFile were accepted together")
	}
}
