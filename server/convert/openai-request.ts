import * as v from 'valibot';

/**
 * What OpenAI clients send to /v1/chat/completions and /v1/embeddings, validated once at the edge.
 * Objects are loose: a field we do not know is kept in the output (the converter reports every
 * field it drops as a warning), so a new SDK field never turns into a 400.
 */

const TextPart = v.looseObject({ type: v.literal('text'), text: v.string() });
const ImagePart = v.looseObject({
  type: v.literal('image_url'),
  // Some clients send the URL as a bare string instead of { url }.
  image_url: v.union([v.string(), v.looseObject({ url: v.string(), detail: v.optional(v.string()) })]),
});
const AudioPart = v.looseObject({
  type: v.literal('input_audio'),
  input_audio: v.looseObject({ data: v.string(), format: v.string() }),
});
const FilePart = v.looseObject({
  type: v.literal('file'),
  file: v.looseObject({ file_data: v.optional(v.string()), filename: v.optional(v.string()), file_id: v.optional(v.string()) }),
});
/** Parts of other types (refusal, input_video, …) are accepted and reported as dropped. */
const OtherPart = v.looseObject({ type: v.string() });
export const ContentPartSchema = v.union([TextPart, ImagePart, AudioPart, FilePart, OtherPart]);
export type ContentPart = v.InferOutput<typeof ContentPartSchema>;

export const ToolCallSchema = v.looseObject({
  id: v.optional(v.string()),
  type: v.optional(v.string()),
  function: v.looseObject({ name: v.string(), arguments: v.optional(v.nullable(v.string())) }),
});
export type ToolCall = v.InferOutput<typeof ToolCallSchema>;

export const MessageSchema = v.looseObject({
  role: v.picklist(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: v.optional(v.nullable(v.union([v.string(), v.array(ContentPartSchema)]))),
  name: v.optional(v.string()),
  tool_calls: v.optional(v.nullable(v.array(ToolCallSchema))),
  tool_call_id: v.optional(v.string()),
});
export type Message = v.InferOutput<typeof MessageSchema>;

export const FunctionToolSchema = v.looseObject({
  type: v.literal('function'),
  function: v.looseObject({
    name: v.string(),
    description: v.optional(v.string()),
    parameters: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
    strict: v.optional(v.nullable(v.boolean())),
  }),
});
export type FunctionTool = v.InferOutput<typeof FunctionToolSchema>;

export const ToolChoiceSchema = v.union([
  v.picklist(['none', 'auto', 'required']),
  v.looseObject({ type: v.literal('function'), function: v.looseObject({ name: v.string() }) }),
]);
export type ToolChoice = v.InferOutput<typeof ToolChoiceSchema>;

export const ResponseFormatSchema = v.union([
  v.looseObject({ type: v.picklist(['text', 'json_object']) }),
  v.looseObject({
    type: v.literal('json_schema'),
    json_schema: v.looseObject({
      name: v.optional(v.string()),
      schema: v.optional(v.record(v.string(), v.unknown())),
      strict: v.optional(v.nullable(v.boolean())),
    }),
  }),
]);
export type ResponseFormat = v.InferOutput<typeof ResponseFormatSchema>;

const optionalNumber = v.optional(v.nullable(v.number()));

export const ChatRequestSchema = v.looseObject({
  model: v.pipe(v.string(), v.nonEmpty('model must not be empty')),
  messages: v.pipe(v.array(MessageSchema), v.minLength(1, 'messages must hold at least one message')),
  stream: v.optional(v.nullable(v.boolean())),
  stream_options: v.optional(v.nullable(v.looseObject({ include_usage: v.optional(v.nullable(v.boolean())) }))),
  temperature: optionalNumber,
  top_p: optionalNumber,
  top_k: optionalNumber,
  n: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1)))),
  stop: v.optional(v.nullable(v.union([v.string(), v.array(v.string())]))),
  max_tokens: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
  max_completion_tokens: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
  seed: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
  presence_penalty: optionalNumber,
  frequency_penalty: optionalNumber,
  response_format: v.optional(v.nullable(ResponseFormatSchema)),
  tools: v.optional(v.nullable(v.array(FunctionToolSchema))),
  tool_choice: v.optional(v.nullable(ToolChoiceSchema)),
  parallel_tool_calls: v.optional(v.nullable(v.boolean())),
  reasoning_effort: v.optional(v.nullable(v.picklist(['none', 'minimal', 'low', 'medium', 'high']))),
});
export type ChatRequest = v.InferOutput<typeof ChatRequestSchema>;

export const EmbeddingRequestSchema = v.looseObject({
  model: v.pipe(v.string(), v.nonEmpty('model must not be empty')),
  input: v.union([
    v.pipe(v.string(), v.nonEmpty('input must not be empty')),
    v.pipe(v.array(v.string()), v.minLength(1, 'input must hold at least one string')),
  ]),
  encoding_format: v.optional(v.nullable(v.picklist(['float', 'base64']))),
  dimensions: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1)))),
});
export type EmbeddingRequest = v.InferOutput<typeof EmbeddingRequestSchema>;
