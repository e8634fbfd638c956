using Microsoft.ML.OnnxRuntime;

namespace Muybridge.Video.Onnx.Sessions;

/// <summary>A loaded model: its session and the provider that actually runs it.</summary>
public sealed class OnnxModel : IDisposable
{
    private OnnxModel(InferenceSession session, string path, ExecutionProvider provider, IReadOnlyList<ExecutionProvider> requested, int deviceId = 0)
    {
        Session = session;
        Path = path;
        ActiveProvider = provider;
        RequestedProviders = requested;
        // CUDA only: the one device provider these bindings were run on (an H200); the others keep host buffers, which
        // every provider accepts.
        ResidentMemory = provider == ExecutionProvider.Cuda ? new OrtMemoryInfo("Cuda", OrtAllocatorType.DeviceAllocator, deviceId, OrtMemType.Default) : null;
    }

    /// <summary>The ONNX Runtime session.</summary>
    public InferenceSession Session { get; }

    /// <summary>
    /// The provider's device memory, for tensors that should stay there between runs (a recurrent state, an embedding that
    /// another model reads next); null where the provider works in host memory.
    /// </summary>
    internal OrtMemoryInfo? ResidentMemory { get; }

    /// <summary>One set of run options for every call, so a run allocates no options object of its own.</summary>
    internal RunOptions RunOptions { get; } = new();

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The provider that loaded.</summary>
    public ExecutionProvider ActiveProvider { get; }

    /// <summary>The providers that were asked for, in order.</summary>
    public IReadOnlyList<ExecutionProvider> RequestedProviders { get; }

    /// <summary>Loads a model, trying the providers in order.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelContractException">The file is not a loadable ONNX model.</exception>
    /// <exception cref="ProviderUnavailableException">No listed provider loads and CPU fallback is off.</exception>
    public static OnnxModel Load(string path, OnnxSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= OnnxSessionOptions.Cpu;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        }

        var failures = new List<string>();
        var modelName = System.IO.Path.GetFileName(path);
        var requested = string.Join(" > ", options.Providers);
        foreach (var provider in options.Providers)
        {
            var sessionOptions = new SessionOptions();
            try
            {
                if (options.IntraOpThreads > 0)
                {
                    sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
                }

                PlanMemory(sessionOptions, provider);
                ProviderRegistration.Append(sessionOptions, provider, options.DeviceId);
                var session = CreateSession(path, sessionOptions, provider);
                if (options.Logger is { } logger && logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
                {
                    SessionLog.Loaded(logger, modelName, requested, provider);
                }

                return new OnnxModel(session, path, provider, options.Providers, options.DeviceId);
            }
            catch (ProviderUnavailableException e)
            {
                failures.Add(e.Message);
                if (options.Logger is { } logger)
                {
                    SessionLog.ProviderFailed(logger, e.Message);
                }
            }
            finally
            {
                sessionOptions.Dispose();
            }
        }

        var reasons = string.Join(" ", failures);
        if (!options.FallbackToCpu || options.Providers.Contains(ExecutionProvider.Cpu))
        {
            throw new ProviderUnavailableException($"No execution provider could run '{modelName}'. {reasons}");
        }

        if (options.Logger is { } log && log.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning))
        {
            SessionLog.FellBack(log, modelName, requested);
        }

        using var cpuOptions = new SessionOptions();
        PlanMemory(cpuOptions, ExecutionProvider.Cpu);
        return new OnnxModel(CreateSession(path, cpuOptions, ExecutionProvider.Cpu), path, ExecutionProvider.Cpu, options.Providers);
    }

    // On the CPU, ONNX Runtime's memory pattern (one block planned for all of a run's intermediate tensors) held 830 MB more
    // at the peak for ISNet medium and 100 MB more for a fast-style model, with the same bytes out and no slower a run
    // (docs/onnx.md); the arena still reuses what runs free. Other providers keep their defaults, which were what ran on them.
    private static void PlanMemory(SessionOptions options, ExecutionProvider provider)
    {
        if (provider == ExecutionProvider.Cpu)
        {
            options.EnableMemoryPattern = false;
        }
    }

    private static InferenceSession CreateSession(string path, SessionOptions options, ExecutionProvider provider)
    {
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e) when (provider == ExecutionProvider.Cpu)
        {
            // The CPU provider is always there: a session it cannot start is the model's fault.
            throw new ModelContractException($"'{path}' is not a loadable ONNX model: {e.Message}");
        }
        catch (OnnxRuntimeException e)
        {
            // A GPU provider can register and still fail when the session starts it: no device, a driver older than the
            // runtime it was built for, cuDNN missing. Whether the model or the provider is at fault is told by loading
            // it on the CPU (not by the runtime's wording): a model the CPU loads leaves the fault with the provider, so
            // the next provider (or the CPU fallback) gets its turn.
            try
            {
                using var cpu = new SessionOptions();
                using var probe = new InferenceSession(path, cpu);
            }
            catch (OnnxRuntimeException)
            {
                throw new ModelContractException($"'{path}' is not a loadable ONNX model: {e.Message}", e);
            }

            throw new ProviderUnavailableException($"{provider} is compiled in but could not start a session for '{System.IO.Path.GetFileName(path)}': {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        RunOptions.Dispose();
        ResidentMemory?.Dispose();
        Session.Dispose();
    }
}
