using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Muybridge.Video.Onnx.Sessions;

/// <summary>
/// The one way every adapter feeds a model: input and output tensors over managed float buffers, bound to the session
/// once (IO binding), so each run writes into the same memory and allocates nothing; rebound only when a shape changes.
/// The element type is the model's own: a float16 tensor gets a half-precision twin that a run converts into (inputs)
/// or out of (outputs), so callers always see floats. An input can instead be fed a tensor that lives elsewhere
/// (<see cref="Feed"/>: another model's output), and an output can be carried into an input of the next run (a recurrent
/// state), starting from the input's own buffer (zeros) until the first run has made one.
/// </summary>
internal sealed class BoundTensors : IDisposable
{
    private readonly OnnxModel _model;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly float[][] _inputs;
    private readonly float[][] _outputs;
    private readonly Float16[]?[] _inputHalves;
    private readonly Float16[]?[] _outputHalves;
    private readonly bool[] _inputIsHalf;
    private readonly bool[] _outputIsHalf;
    private readonly OrtValue?[] _inputValues;
    private readonly OrtValue?[] _outputValues;
    private readonly OrtValue?[] _fed;
    private readonly bool[] _resident;
    private readonly int[] _carriedFrom;
    private readonly bool _anyRunAllocated;
    private readonly long[][] _inputShapes;
    private readonly long[]?[] _outputShapes;
    private IDisposableReadOnlyCollection<OrtValue>? _fetched;
    private OrtIoBinding? _binding;

    /// <param name="model">The loaded model; its metadata gives each tensor's element type.</param>
    /// <param name="inputNames">The inputs, in the order <see cref="Ensure"/> takes their shapes.</param>
    /// <param name="outputNames">The outputs, likewise.</param>
    /// <param name="residentOutputs">
    /// Outputs another model reads next: on a GPU provider they are bound to the device and stay there
    /// (<see cref="OutputValue"/>), with no host copy; on the CPU they are host buffers like the rest.
    /// </param>
    /// <param name="carried">
    /// Recurrent states: each output's value becomes the paired input of the next run. Its shape is the model's to choose
    /// (the run allocates it, on the device where the provider has one), so its entry in <see cref="Ensure"/> is null.
    /// </param>
    public BoundTensors(OnnxModel model, string[] inputNames, string[] outputNames, IReadOnlyCollection<int>? residentOutputs = null, IReadOnlyList<(int Output, int Input)>? carried = null)
    {
        _model = model;
        _inputNames = inputNames;
        _outputNames = outputNames;
        _inputs = new float[inputNames.Length][];
        _outputs = new float[outputNames.Length][];
        _inputHalves = new Float16[]?[inputNames.Length];
        _outputHalves = new Float16[]?[outputNames.Length];
        _inputIsHalf = inputNames.Select(n => IsHalf(model.Session.InputMetadata, n)).ToArray();
        _outputIsHalf = outputNames.Select(n => IsHalf(model.Session.OutputMetadata, n)).ToArray();
        _inputValues = new OrtValue?[inputNames.Length];
        _outputValues = new OrtValue?[outputNames.Length];
        _fed = new OrtValue?[inputNames.Length];
        _resident = new bool[outputNames.Length];
        foreach (var index in residentOutputs ?? [])
        {
            _resident[index] = model.ResidentMemory is not null;
        }

        _carriedFrom = Enumerable.Repeat(-1, inputNames.Length).ToArray();
        foreach (var (output, input) in carried ?? [])
        {
            _carriedFrom[input] = output;
        }

        _anyRunAllocated = Array.IndexOf(_resident, true) >= 0 || carried is { Count: > 0 };
        _inputShapes = new long[inputNames.Length][];
        _outputShapes = new long[]?[outputNames.Length];
        Array.Fill(_inputs, []);
        Array.Fill(_outputs, []);
        Array.Fill(_inputShapes, []);
    }

    /// <summary>
    /// Makes sure the tensors have these shapes (null for an output the run allocates: a carried state); binds anew only
    /// on a change, which also starts carried states from their zeros again.
    /// </summary>
    public void Ensure(ReadOnlySpan<long[]> inputShapes, ReadOnlySpan<long[]?> outputShapes)
    {
        if (_binding is not null && Same(_inputShapes, inputShapes) && Same(_outputShapes, outputShapes))
        {
            return;
        }

        Release();
        _binding = _model.Session.CreateIoBinding();
        for (var i = 0; i < _inputNames.Length; i++)
        {
            // A copy: callers reuse and rewrite their shape arrays, and a stored reference would always look unchanged.
            _inputShapes[i] = inputShapes[i].ToArray();
            _inputs[i] = new float[Count(inputShapes[i])];
            if (_inputIsHalf[i])
            {
                var half = _inputHalves[i] = new Float16[_inputs[i].Length];
                _inputValues[i] = OrtValue.CreateTensorValueFromMemory(half, inputShapes[i]);
            }
            else
            {
                _inputValues[i] = OrtValue.CreateTensorValueFromMemory(_inputs[i], inputShapes[i]);
            }

            _binding.BindInput(_inputNames[i], _inputValues[i]);
        }

        for (var i = 0; i < _outputNames.Length; i++)
        {
            _outputShapes[i] = outputShapes[i]?.ToArray();
            if (_resident[i] || outputShapes[i] is null)
            {
                // Allocated by the run, on the device where there is one (a resident output is written in place by the
                // later runs; a carried state is rebound before each run, since the last one is that run's input).
                _outputs[i] = [];
                _binding.BindOutputToDevice(_outputNames[i], RunMemory);
                continue;
            }

            _outputs[i] = new float[Count(outputShapes[i]!)];
            if (_outputIsHalf[i])
            {
                var half = _outputHalves[i] = new Float16[_outputs[i].Length];
                _outputValues[i] = OrtValue.CreateTensorValueFromMemory(half, outputShapes[i]);
            }
            else
            {
                _outputValues[i] = OrtValue.CreateTensorValueFromMemory(_outputs[i], outputShapes[i]);
            }

            _binding.BindOutput(_outputNames[i], _outputValues[i]);
        }
    }

    /// <summary>The buffer the caller fills before <see cref="Run"/>.</summary>
    public Span<float> Input(int index) => _inputs[index];

    /// <summary>Feeds input <paramref name="index"/> from a tensor owned elsewhere (kept alive by the caller) for the next runs.</summary>
    public void Feed(int index, OrtValue value) => _fed[index] = value;

    /// <summary>The output of the last run, as floats on the host.</summary>
    public ReadOnlySpan<float> Output(int index)
        => _resident[index] ? throw new InvalidOperationException($"Output '{_outputNames[index]}' stays on the device; read it with OutputValue.") : _outputs[index];

    /// <summary>
    /// The output as a tensor to feed another model without a copy: on the device for a resident output on a GPU, else the
    /// host buffer. Owned here, valid until the next <see cref="Run"/>.
    /// </summary>
    public OrtValue OutputValue(int index)
        => _resident[index] || _outputShapes[index] is null
            ? _fetched?[index] ?? throw new InvalidOperationException("Call Run before reading an output the run allocates.")
            : _outputValues[index] ?? throw new InvalidOperationException("Call Ensure before reading an output.");

    /// <summary>Runs the session on the bound buffers.</summary>
    /// <exception cref="ModelContractException">The model's outputs do not have the shapes its contract promises.</exception>
    public void Run()
    {
        var binding = _binding ?? throw new InvalidOperationException("Call Ensure before Run.");
        try
        {
            for (var i = 0; i < _inputNames.Length; i++)
            {
                if (_inputIsHalf[i])
                {
                    ToHalf(_inputs[i], _inputHalves[i]!);
                }

                if (_fed[i] is { } fed)
                {
                    binding.BindInput(_inputNames[i], fed);
                }
                else if (_carriedFrom[i] >= 0 && _fetched is not null)
                {
                    binding.BindInput(_inputNames[i], _fetched[_carriedFrom[i]]);
                }
                else if (_model.ActiveProvider != ExecutionProvider.Cpu || _carriedFrom[i] >= 0)
                {
                    // ONNX Runtime copies a host input to the device when it is bound, not when the session runs, so on a
                    // GPU the buffers the caller has just filled are sent by binding them again (bound once, every CUDA run
                    // saw the zeros of the first binding: empty ISNet mattes, black Real-ESRGAN tiles). A carried state
                    // goes back to its zeros after a rebinding.
                    binding.BindInput(_inputNames[i], _inputValues[i]!);
                }
            }

            for (var i = 0; i < _outputNames.Length; i++)
            {
                if (_outputShapes[i] is null && !_resident[i])
                {
                    // A fresh tensor for each state: the last one is this run's input.
                    binding.BindOutputToDevice(_outputNames[i], RunMemory);
                }
            }

            _model.Session.RunWithBinding(_model.RunOptions, binding);
            binding.SynchronizeBoundOutputs();
            if (_anyRunAllocated)
            {
                // The states this run read are released only now that it has made the next ones.
                var previous = _fetched;
                _fetched = binding.GetOutputValues();
                previous?.Dispose();
            }

            for (var i = 0; i < _outputNames.Length; i++)
            {
                if (_outputIsHalf[i] && _outputHalves[i] is { } half)
                {
                    FromHalf(half, _outputs[i]);
                }
            }
        }
        catch (OnnxRuntimeException e)
        {
            // The inputs were bound to the model's own signature: a run that still fails is the model's (a shape it
            // computes that is not the one it declares, an operator it cannot run here); the runtime's own words follow.
            throw new ModelContractException($"'{_model.Path}' failed to run with outputs of shape {string.Join(", ", _outputShapes.Select(s => s is null ? "[its own]" : $"[{string.Join(',', s)}]"))}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Release();

    // The provider's device memory where it has one, else the host's.
    private OrtMemoryInfo RunMemory => _model.ResidentMemory ?? OrtMemoryInfo.DefaultInstance;

    private void Release()
    {
        _fetched?.Dispose();
        _fetched = null;
        foreach (var value in _inputValues.Concat(_outputValues))
        {
            value?.Dispose();
        }

        Array.Clear(_inputValues);
        Array.Clear(_outputValues);
        _binding?.Dispose();
        _binding = null;
    }

    private static bool IsHalf(IReadOnlyDictionary<string, NodeMetadata> metadata, string name)
        => metadata.TryGetValue(name, out var node) && node.ElementDataType == TensorElementType.Float16;

    private static void ToHalf(float[] source, Float16[] target)
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = (Float16)source[i];
        }
    }

    private static void FromHalf(Float16[] source, float[] target)
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = (float)source[i];
        }
    }

    private static long Count(long[] shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }

        return n;
    }

    private static bool Same(long[]?[] current, ReadOnlySpan<long[]?> wanted)
    {
        for (var i = 0; i < current.Length; i++)
        {
            if (current[i] is null != wanted[i] is null || (current[i] is { } shape && !shape.AsSpan().SequenceEqual(wanted[i])))
            {
                return false;
            }
        }

        return true;
    }
}
