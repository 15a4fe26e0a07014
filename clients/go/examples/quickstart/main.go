// Quickstart: registers the example risk classifier, runs it, asks the transaction-risk
// pipeline for a decision and searches the catalogue collection, then prints what came back
// as one JSON line.
//
//	ARBITER_ADDRESS   gateway host:port (default 127.0.0.1:8080)
//	ARBITER_API_KEY   API key sent as a bearer token (optional)
//	ARBITER_TLS=1     use TLS with the system's roots; ARBITER_CA_FILE=<pem> uses TLS with that CA
//	ARBITER_EXAMPLES  the repository's examples folder (default ../../examples, from clients/go)
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"time"

	"google.golang.org/protobuf/types/known/structpb"

	"github.com/arbiter-mesh/arbiter/clients/go/arbiter"
	arbiterpb "github.com/arbiter-mesh/arbiter/clients/go/gen/arbiter/v1"
)

const modelName = "risk-classifier-go"

// chunkSize keeps each upload message well under the gateway's message size limit.
const chunkSize = 1 << 20

// result is the example's last line of output, the same in every language.
type result struct {
	Model         string    `json:"model"`
	Version       uint64    `json:"version"`
	Label         int64     `json:"label"`
	Probabilities []float32 `json:"probabilities"`
	Decision      string    `json:"decision"`
	FiredRule     string    `json:"fired_rule"`
	Nearest       string    `json:"nearest"`
}

func main() {
	log.SetFlags(0)
	if err := run(); err != nil {
		log.Fatalf("quickstart: %v", err)
	}
}

func run() error {
	examples := env("ARBITER_EXAMPLES", filepath.Join("..", "..", "examples"))
	client, err := arbiter.Dial(env("ARBITER_ADDRESS", arbiter.DefaultAddress), dialOptions()...)
	if err != nil {
		return err
	}
	defer client.Close()
	ctx := context.Background()

	model, err := register(ctx, client, filepath.Join(examples, "models", "risk-classifier.onnx"))
	if err != nil {
		return fmt.Errorf("registering the model: %w", err)
	}
	fmt.Printf("registered %s version %d (sha256 %s)\n", model.GetName(), model.GetVersion(), model.GetSha256())

	label, probabilities, err := infer(ctx, client, model, examples)
	if err != nil {
		return fmt.Errorf("inferring: %w", err)
	}
	fmt.Printf("label %d, probabilities %v\n", label, probabilities)

	decision, err := decide(ctx, client, examples)
	if err != nil {
		return fmt.Errorf("deciding: %w", err)
	}
	if len(decision.GetFiredRules()) == 0 {
		return errors.New("the decision fired no rule")
	}
	fmt.Printf("decision %s (score %.3f), fired %s\n", decision.GetLabel(), decision.GetScore(), decision.GetFiredRules()[0].GetName())

	hits, err := search(ctx, client, examples)
	if err != nil {
		return fmt.Errorf("searching: %w", err)
	}
	if len(hits) == 0 {
		return errors.New("the search found nothing")
	}
	for _, hit := range hits {
		fmt.Printf("hit %s at distance %.4f\n", hit.GetId(), hit.GetDistance())
	}

	line, err := json.Marshal(result{
		Model:         model.GetName(),
		Version:       model.GetVersion(),
		Label:         label,
		Probabilities: probabilities,
		Decision:      decision.GetLabel(),
		FiredRule:     decision.GetFiredRules()[0].GetName(),
		Nearest:       hits[0].GetId(),
	})
	if err != nil {
		return err
	}
	fmt.Println(string(line))
	return nil
}

func dialOptions() []arbiter.Option {
	var options []arbiter.Option
	if key := os.Getenv("ARBITER_API_KEY"); key != "" {
		options = append(options, arbiter.WithAPIKey(key))
	}
	switch caFile := os.Getenv("ARBITER_CA_FILE"); {
	case caFile != "":
		options = append(options, arbiter.WithCAFile(caFile))
	case os.Getenv("ARBITER_TLS") == "1":
		// TLS verified against the system's roots, Dial's default.
	default:
		options = append(options, arbiter.WithInsecure())
	}
	return options
}

// register streams the artifact: the metadata first (version 0 = the next one), then the
// bytes in chunks.
func register(ctx context.Context, client *arbiter.Client, path string) (*arbiterpb.Model, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	// Streams get no default deadline; an upload is bounded here instead.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	stream, err := client.Models.RegisterModel(ctx)
	if err != nil {
		return nil, err
	}
	metadata := &arbiterpb.RegisterModelRequest{Part: &arbiterpb.RegisterModelRequest_Metadata{
		Metadata: &arbiterpb.ModelUpload{Name: modelName, Version: 0},
	}}
	if err := stream.Send(metadata); err != nil {
		return nil, sendError(stream, err)
	}
	buffer := make([]byte, chunkSize)
	for {
		n, err := file.Read(buffer)
		if n > 0 {
			chunk := &arbiterpb.RegisterModelRequest{Part: &arbiterpb.RegisterModelRequest_Chunk{Chunk: buffer[:n]}}
			if err := stream.Send(chunk); err != nil {
				return nil, sendError(stream, err)
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	response, err := stream.CloseAndRecv()
	if err != nil {
		return nil, err
	}
	return response.GetModel(), nil
}

// sendError is the server's reason when a send fails because the server ended the stream.
func sendError(stream arbiterpb.ModelRegistryService_RegisterModelClient, err error) error {
	if errors.Is(err, io.EOF) {
		_, err = stream.CloseAndRecv()
	}
	return err
}

// infer runs the registered version on row 0 of examples/models/expected.json.
func infer(ctx context.Context, client *arbiter.Client, model *arbiterpb.Model, examples string) (int64, []float32, error) {
	// Only the risk classifier's entry is decoded: the other models' inputs have other shapes.
	var expected map[string]json.RawMessage
	if err := readJSON(filepath.Join(examples, "models", "expected.json"), &expected); err != nil {
		return 0, nil, err
	}
	var classifier struct {
		Inputs struct {
			Features struct {
				Data [][]float32 `json:"data"`
			} `json:"features"`
		} `json:"inputs"`
	}
	if err := json.Unmarshal(expected["risk-classifier"], &classifier); err != nil {
		return 0, nil, fmt.Errorf("expected.json: %w", err)
	}
	rows := classifier.Inputs.Features.Data
	if len(rows) == 0 {
		return 0, nil, errors.New("expected.json has no risk-classifier features")
	}
	features, err := arbiter.NewTensor("features", []int64{1, int64(len(rows[0]))}, rows[0])
	if err != nil {
		return 0, nil, err
	}
	response, err := client.Inference.Infer(ctx, &arbiterpb.InferRequest{
		Model:    model.GetName(),
		Selector: &arbiterpb.VersionSelector{Selector: &arbiterpb.VersionSelector_Version{Version: model.GetVersion()}},
		Inputs:   []*arbiterpb.Tensor{features},
	})
	if err != nil {
		return 0, nil, err
	}
	outputs := map[string]*arbiterpb.Tensor{}
	for _, output := range response.GetOutputs() {
		outputs[output.GetName()] = output
	}
	labels, err := arbiter.TensorValues[int64](outputs["label"])
	if err != nil {
		return 0, nil, err
	}
	probabilities, err := arbiter.TensorValues[float32](outputs["probabilities"])
	if err != nil {
		return 0, nil, err
	}
	if len(labels) != 1 {
		return 0, nil, fmt.Errorf("%d labels for one row", len(labels))
	}
	return labels[0], probabilities, nil
}

// decide sends examples/requests/transaction-risk.json's fields as the pipeline's inputs.
func decide(ctx context.Context, client *arbiter.Client, examples string) (*arbiterpb.Decision, error) {
	var request map[string]any
	if err := readJSON(filepath.Join(examples, "requests", "transaction-risk.json"), &request); err != nil {
		return nil, err
	}
	inputs := map[string]*arbiterpb.PipelineValue{}
	for name, raw := range request {
		value, err := structpb.NewValue(raw)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", name, err)
		}
		inputs[name] = &arbiterpb.PipelineValue{Kind: &arbiterpb.PipelineValue_Value{Value: value}}
	}
	response, err := client.Decisions.Decide(ctx, &arbiterpb.DecideRequest{Pipeline: "transaction-risk", Inputs: inputs})
	if err != nil {
		return nil, err
	}
	return response.GetDecision(), nil
}

// search runs examples/requests/catalogue-search.json (an already embedded query).
func search(ctx context.Context, client *arbiter.Client, examples string) ([]*arbiterpb.SearchHit, error) {
	var request struct {
		Collection string    `json:"collection"`
		K          uint32    `json:"k"`
		Query      []float32 `json:"query"`
	}
	if err := readJSON(filepath.Join(examples, "requests", "catalogue-search.json"), &request); err != nil {
		return nil, err
	}
	response, err := client.Vectors.Search(ctx, &arbiterpb.SearchRequest{
		Collection: request.Collection,
		K:          request.K,
		Query:      request.Query,
	})
	if err != nil {
		return nil, err
	}
	return response.GetHits(), nil
}

func readJSON(path string, into any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, into); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func env(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}
