using StudyBot.Training.Tokenization;

namespace StudyBot.Training.Models;

/// <summary>A GPT-2 loaded from a Hugging Face folder, with its tokenizer; <see cref="Directory"/> is the folder it came from.</summary>
public sealed record PretrainedGpt2(Gpt2Config Config, Gpt2LMHeadModel Model, ITextTokenizer Tokenizer, string Directory);
