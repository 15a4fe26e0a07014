/** Messages exchanged only between Arbiter processes over the bus. */
export * from "./gen/arbiter/internal/v1/bus_pb.js";
