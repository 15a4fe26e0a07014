// Package arbiter is a thin layer over the generated gRPC stubs of the Arbiter contract
// (packages arbiterpb and inferencepb under gen/): one connection with the caller's
// credentials, transport security, default deadline and retry policy, exposing every
// service's stub. It adds no behaviour of its own beyond connection setup and the tensor
// helpers in tensor.go.
package arbiter

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"

	arbiterpb "github.com/arbiter-mesh/arbiter/clients/go/gen/arbiter/v1"
	inferencepb "github.com/arbiter-mesh/arbiter/clients/go/gen/inference"
)

// DefaultAddress is where `arbiter start` serves gRPC unless configured otherwise.
const DefaultAddress = "127.0.0.1:8080"

// DefaultTimeout bounds each unary call that does not carry a deadline of its own.
const DefaultTimeout = 30 * time.Second

// Client is one connection to an Arbiter gateway and the stub of every service on it.
// The stubs are safe for concurrent use; Close releases the connection.
type Client struct {
	conn *grpc.ClientConn

	Models    arbiterpb.ModelRegistryServiceClient
	Inference arbiterpb.InferenceServiceClient
	Decisions arbiterpb.DecisionServiceClient
	Pipelines arbiterpb.PipelineServiceClient
	Vectors   arbiterpb.VectorServiceClient
	Tasks     arbiterpb.TaskServiceClient
	Streams   arbiterpb.StreamServiceClient
	Tenants   arbiterpb.TenantServiceClient
	Auth      arbiterpb.AuthServiceClient
	Audit     arbiterpb.AuditServiceClient
	Cluster   arbiterpb.ClusterServiceClient
	// OIP is the Open Inference Protocol (KServe v2 / Triton) service on the same port.
	OIP inferencepb.GRPCInferenceServiceClient
}

// An Option configures Dial.
type Option func(*settings)

type settings struct {
	token       string
	plaintext   bool
	tlsConfig   *tls.Config
	caFile      string
	timeout     time.Duration
	retries     bool
	dialOptions []grpc.DialOption
}

// WithAPIKey sends an API key (arb_...) as `authorization: Bearer <key>` on every call.
func WithAPIKey(key string) Option {
	return func(s *settings) { s.token = key }
}

// WithJWT sends an access token (from AuthService.Login) as `authorization: Bearer <token>`
// on every call. The gateway accepts API keys and tokens in the same header.
func WithJWT(token string) Option {
	return func(s *settings) { s.token = token }
}

// WithInsecure connects without TLS, for a gateway on loopback or inside a trusted network.
// Credentials are then sent in clear text, which the caller accepts by choosing this option.
func WithInsecure() Option {
	return func(s *settings) { s.plaintext = true }
}

// WithCAFile verifies the gateway's certificate against the PEM certificates in path instead
// of the system's roots (a private CA, or a self-signed certificate).
func WithCAFile(path string) Option {
	return func(s *settings) { s.caFile = path }
}

// WithTLSConfig uses config for the connection (client certificates, server name override, ...).
func WithTLSConfig(config *tls.Config) Option {
	return func(s *settings) { s.tlsConfig = config }
}

// WithTimeout sets the deadline of unary calls whose context has none; 0 disables it.
// Streaming calls are bounded by their context only, since streams such as WatchTask are
// meant to stay open.
func WithTimeout(timeout time.Duration) Option {
	return func(s *settings) { s.timeout = timeout }
}

// WithoutRetries turns off the retry policy of read-only methods (see RetryServiceConfig).
func WithoutRetries() Option {
	return func(s *settings) { s.retries = false }
}

// WithDialOptions passes further options to grpc.NewClient, after those Dial sets.
func WithDialOptions(options ...grpc.DialOption) Option {
	return func(s *settings) { s.dialOptions = append(s.dialOptions, options...) }
}

// Dial connects to the gateway at address (host:port). Without WithInsecure the connection
// uses TLS, verified against the system's roots unless WithCAFile or WithTLSConfig says
// otherwise. Like grpc.NewClient it does not wait for the connection: the first call does.
func Dial(address string, options ...Option) (*Client, error) {
	s := settings{timeout: DefaultTimeout, retries: true}
	for _, option := range options {
		option(&s)
	}
	transport, err := s.transportCredentials()
	if err != nil {
		return nil, err
	}
	dialOptions := []grpc.DialOption{grpc.WithTransportCredentials(transport)}
	if s.token != "" {
		dialOptions = append(dialOptions, grpc.WithPerRPCCredentials(bearer{token: s.token, secure: !s.plaintext}))
	}
	if s.timeout > 0 {
		dialOptions = append(dialOptions, grpc.WithUnaryInterceptor(defaultDeadline(s.timeout)))
	}
	if s.retries {
		dialOptions = append(dialOptions, grpc.WithDefaultServiceConfig(RetryServiceConfig()))
	}
	dialOptions = append(dialOptions, s.dialOptions...)
	conn, err := grpc.NewClient(address, dialOptions...)
	if err != nil {
		return nil, fmt.Errorf("arbiter: connecting to %s: %w", address, err)
	}
	return &Client{
		conn:      conn,
		Models:    arbiterpb.NewModelRegistryServiceClient(conn),
		Inference: arbiterpb.NewInferenceServiceClient(conn),
		Decisions: arbiterpb.NewDecisionServiceClient(conn),
		Pipelines: arbiterpb.NewPipelineServiceClient(conn),
		Vectors:   arbiterpb.NewVectorServiceClient(conn),
		Tasks:     arbiterpb.NewTaskServiceClient(conn),
		Streams:   arbiterpb.NewStreamServiceClient(conn),
		Tenants:   arbiterpb.NewTenantServiceClient(conn),
		Auth:      arbiterpb.NewAuthServiceClient(conn),
		Audit:     arbiterpb.NewAuditServiceClient(conn),
		Cluster:   arbiterpb.NewClusterServiceClient(conn),
		OIP:       inferencepb.NewGRPCInferenceServiceClient(conn),
	}, nil
}

// Conn is the underlying connection, for stubs or health checks this package does not wrap.
func (c *Client) Conn() *grpc.ClientConn { return c.conn }

// Close closes the connection; calls in flight fail with codes.Canceled.
func (c *Client) Close() error { return c.conn.Close() }

func (s *settings) transportCredentials() (credentials.TransportCredentials, error) {
	if s.plaintext {
		if s.caFile != "" || s.tlsConfig != nil {
			return nil, errors.New("arbiter: WithInsecure cannot be combined with WithCAFile or WithTLSConfig")
		}
		return insecure.NewCredentials(), nil
	}
	config := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.tlsConfig != nil {
		config = s.tlsConfig.Clone()
	}
	if s.caFile != "" {
		pem, err := os.ReadFile(s.caFile)
		if err != nil {
			return nil, fmt.Errorf("arbiter: reading the CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("arbiter: %s holds no PEM certificate", s.caFile)
		}
		config.RootCAs = pool
	}
	return credentials.NewTLS(config), nil
}

// bearer is the per-call credential for an API key or a JWT.
type bearer struct {
	token  string
	secure bool
}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.token}, nil
}

// RequireTransportSecurity makes grpc-go refuse to send the token over plaintext, unless the
// caller chose plaintext explicitly with WithInsecure.
func (b bearer) RequireTransportSecurity() bool { return b.secure }

// defaultDeadline gives a unary call without a deadline one of timeout.
func defaultDeadline(timeout time.Duration) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		if _, ok := ctx.Deadline(); !ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
		return invoker(ctx, method, req, reply, cc, opts...)
	}
}
