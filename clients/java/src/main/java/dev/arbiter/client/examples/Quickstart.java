package dev.arbiter.client.examples;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.arbiter.client.ArbiterClient;
import dev.arbiter.client.Tensors;
import dev.arbiter.client.v1.DecideRequest;
import dev.arbiter.client.v1.Decision;
import dev.arbiter.client.v1.InferRequest;
import dev.arbiter.client.v1.InferResponse;
import dev.arbiter.client.v1.Model;
import dev.arbiter.client.v1.ModelUpload;
import dev.arbiter.client.v1.PipelineValue;
import dev.arbiter.client.v1.RegisterModelRequest;
import dev.arbiter.client.v1.RegisterModelResponse;
import dev.arbiter.client.v1.SearchHit;
import dev.arbiter.client.v1.SearchRequest;
import dev.arbiter.client.v1.Tensor;
import dev.arbiter.client.v1.VersionSelector;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The example every Arbiter client runs: register the example risk classifier, infer on it, decide
 * on the transaction-risk pipeline and search the catalogue, then print the results as one JSON
 * line (the last line of output).
 *
 * <p>Environment: ARBITER_ADDRESS (default 127.0.0.1:8080), ARBITER_API_KEY, ARBITER_TLS=1 or
 * ARBITER_CA_FILE for TLS, ARBITER_EXAMPLES (default ../../examples, the repository's examples
 * folder seen from clients/java).
 */
public final class Quickstart {
  private static final String MODEL = "risk-classifier-java";
  /** Artifacts go up in chunks of at most 1 MiB (the server takes up to 4 MiB per message). */
  private static final int CHUNK_BYTES = 1 << 20;

  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    String examplesEnv = System.getenv("ARBITER_EXAMPLES");
    Path examples = Path.of(examplesEnv == null || examplesEnv.isBlank() ? "../../examples" : examplesEnv);

    try (ArbiterClient client = ArbiterClient.fromEnvironment().build()) {
      Model model = register(client, examples.resolve("models/risk-classifier.onnx"));
      System.out.println("registered " + model.getName() + " version " + model.getVersion());

      // Row 0 of the classifier's reference inputs; expected.json holds its outputs too.
      Struct expected = readJson(examples.resolve("models/expected.json"));
      ListValue rows = expected.getFieldsOrThrow("risk-classifier").getStructValue()
          .getFieldsOrThrow("inputs").getStructValue()
          .getFieldsOrThrow("features").getStructValue()
          .getFieldsOrThrow("data").getListValue();
      float[] row = toFloats(rows.getValues(0).getListValue());
      InferResponse inferred = client.inference().infer(InferRequest.newBuilder()
          .setModel(model.getName())
          .setSelector(VersionSelector.newBuilder().setVersion(model.getVersion()))
          .addInputs(Tensors.fp32("features", row, 1, row.length))
          .build());
      long label = Tensors.toLongs(output(inferred, "label"))[0];
      float[] probabilities = Tensors.toFloats(output(inferred, "probabilities"));
      System.out.println("inferred label " + label + ", probabilities " + Arrays.toString(probabilities));

      // The request file's fields are the pipeline's inputs, each a JSON value.
      DecideRequest.Builder decide = DecideRequest.newBuilder().setPipeline("transaction-risk");
      for (Map.Entry<String, Value> input : readJson(examples.resolve("requests/transaction-risk.json")).getFieldsMap().entrySet()) {
        decide.putInputs(input.getKey(), PipelineValue.newBuilder().setValue(input.getValue()).build());
      }
      Decision decision = client.decisions().decide(decide.build()).getDecision();
      String firedRule = decision.getFiredRulesCount() > 0 ? decision.getFiredRules(0).getName() : "";
      System.out.println("decided " + decision.getLabel() + " (rule " + firedRule + ")");

      Struct search = readJson(examples.resolve("requests/catalogue-search.json"));
      List<SearchHit> hits = client.vectors().search(SearchRequest.newBuilder()
          .setCollection(search.getFieldsOrThrow("collection").getStringValue())
          .setK((int) search.getFieldsOrThrow("k").getNumberValue())
          .addAllQuery(boxed(toFloats(search.getFieldsOrThrow("query").getListValue())))
          .build()).getHitsList();
      String nearest = hits.isEmpty() ? "" : hits.get(0).getId();
      System.out.println("nearest " + nearest + " of " + hits.size() + " hits");

      StringBuilder json = new StringBuilder();
      json.append("{\"model\": ").append(quote(model.getName()))
          .append(", \"version\": ").append(model.getVersion())
          .append(", \"label\": ").append(label)
          .append(", \"probabilities\": [");
      for (int i = 0; i < probabilities.length; i++) {
        json.append(i == 0 ? "" : ", ").append(probabilities[i]);
      }
      json.append("], \"decision\": ").append(quote(decision.getLabel()))
          .append(", \"fired_rule\": ").append(quote(firedRule))
          .append(", \"nearest\": ").append(quote(nearest)).append('}');
      System.out.println(json);
    }
  }

  /**
   * Uploads the artifact through the client-streaming RegisterModel: the metadata first (version 0
   * means the next version), then the bytes in order.
   */
  private static Model register(ArbiterClient client, Path artifact) throws Exception {
    CompletableFuture<RegisterModelResponse> done = new CompletableFuture<>();
    StreamObserver<RegisterModelRequest> upload = client.modelsAsync()
        .withDeadlineAfter(2, TimeUnit.MINUTES)
        .registerModel(new StreamObserver<>() {
          @Override
          public void onNext(RegisterModelResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }

          @Override
          public void onCompleted() {
            done.completeExceptionally(new IllegalStateException("RegisterModel ended without a response"));
          }
        });
    try (InputStream in = Files.newInputStream(artifact)) {
      upload.onNext(RegisterModelRequest.newBuilder()
          .setMetadata(ModelUpload.newBuilder().setName(MODEL).setVersion(0))
          .build());
      byte[] chunk = new byte[CHUNK_BYTES];
      for (int n; (n = in.readNBytes(chunk, 0, chunk.length)) > 0; ) {
        upload.onNext(RegisterModelRequest.newBuilder().setChunk(ByteString.copyFrom(chunk, 0, n)).build());
      }
    } catch (IOException | RuntimeException e) {
      upload.onError(e);
      throw e;
    }
    upload.onCompleted();
    try {
      return done.get().getModel();
    } catch (ExecutionException e) {
      // The gRPC status (e.g. INVALID_ARGUMENT with the server's reason) is the useful part.
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static Tensor output(InferResponse response, String name) {
    return response.getOutputsList().stream()
        .filter(tensor -> tensor.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no output " + name + " in " + response.getOutputsList()));
  }

  private static Struct readJson(Path file) throws IOException, InvalidProtocolBufferException {
    Struct.Builder struct = Struct.newBuilder();
    JsonFormat.parser().merge(Files.readString(file), struct);
    return struct.build();
  }

  private static float[] toFloats(ListValue list) {
    float[] out = new float[list.getValuesCount()];
    for (int i = 0; i < out.length; i++) out[i] = (float) list.getValues(i).getNumberValue();
    return out;
  }

  private static List<Float> boxed(float[] values) {
    Float[] out = new Float[values.length];
    for (int i = 0; i < values.length; i++) out[i] = values[i];
    return Arrays.asList(out);
  }

  /** A JSON string literal (JsonFormat quotes and escapes a string Value exactly so). */
  private static String quote(String text) throws InvalidProtocolBufferException {
    return JsonFormat.printer().print(Value.newBuilder().setStringValue(text));
  }
}
