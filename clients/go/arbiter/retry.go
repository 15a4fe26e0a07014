package arbiter

import (
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"

	// The generated package registers the arbiter.v1 descriptors read below.
	_ "github.com/arbiter-mesh/arbiter/clients/go/gen/arbiter/v1"
)

// RetryPolicy is how Dial retries an idempotent call that failed with UNAVAILABLE (a gateway
// restarting, or a connection dropped before the request reached it): up to 4 attempts, with
// exponential backoff from 100 ms to 2 s (grpc-go adds jitter).
var RetryPolicy = map[string]any{
	"maxAttempts":          4,
	"initialBackoff":       "0.1s",
	"maxBackoff":           "2s",
	"backoffMultiplier":    2,
	"retryableStatusCodes": []string{"UNAVAILABLE"},
}

// IdempotentMethods lists the arbiter.v1 methods the contract marks
// `idempotency_level = NO_SIDE_EFFECTS`, as "package.Service/Method", read from the generated
// descriptors so the list follows the protos without being maintained by hand.
func IdempotentMethods() []string {
	var methods []string
	protoregistry.GlobalFiles.RangeFilesByPackage("arbiter.v1", func(file protoreflect.FileDescriptor) bool {
		services := file.Services()
		for i := 0; i < services.Len(); i++ {
			service := services.Get(i)
			for j := 0; j < service.Methods().Len(); j++ {
				method := service.Methods().Get(j)
				options, ok := method.Options().(*descriptorpb.MethodOptions)
				if ok && options.GetIdempotencyLevel() == descriptorpb.MethodOptions_NO_SIDE_EFFECTS {
					methods = append(methods, string(service.FullName())+"/"+string(method.Name()))
				}
			}
		}
		return true
	})
	sort.Strings(methods)
	return methods
}

var retryServiceConfig = sync.OnceValue(func() string {
	type name struct {
		Service string `json:"service"`
		Method  string `json:"method"`
	}
	var names []name
	for _, full := range IdempotentMethods() {
		service, method, _ := strings.Cut(full, "/")
		names = append(names, name{Service: service, Method: method})
	}
	config := map[string]any{
		"methodConfig": []map[string]any{{"name": names, "retryPolicy": RetryPolicy}},
	}
	encoded, err := json.Marshal(config)
	if err != nil {
		// Only maps, strings and numbers above: marshalling cannot fail.
		panic(err)
	}
	return string(encoded)
})

// RetryServiceConfig is the gRPC service config Dial installs: RetryPolicy for every method
// in IdempotentMethods, and no retries for any other method (a repeated Decide or
// RegisterModel would not be harmless).
func RetryServiceConfig() string { return retryServiceConfig() }
