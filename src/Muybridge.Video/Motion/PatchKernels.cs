using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Muybridge.Video.Motion;

/// <summary>
/// The inner loops of the patch search, each twice: vectorised (<see cref="Vector{T}"/> and TensorPrimitives) and a plain
/// scalar reference that the tests hold the vectorised one to. A patch moves by one sub-pixel offset as a whole, so its
/// bilinear weights are shared by every pixel and a patch row is a few vector multiply-adds.
/// </summary>
internal static class PatchKernels
{
    /// <summary>Bilinear sample of a size×size patch whose top-left corner is at (x, y); the caller keeps it inside the image.</summary>
    public static void Warp(float[] image, int width, float x, float y, int size, Span<float> patch, bool scalar)
    {
        var ix = (int)x;
        var iy = (int)y;
        var fx = x - ix;
        var fy = y - iy;
        var w00 = (1 - fx) * (1 - fy);
        var w01 = fx * (1 - fy);
        var w10 = (1 - fx) * fy;
        var w11 = fx * fy;
        for (var r = 0; r < size; r++)
        {
            var top = image.AsSpan((iy + r) * width + ix, size + 1);
            var bottom = image.AsSpan((iy + r + 1) * width + ix, size + 1);
            var row = patch.Slice(r * size, size);
            var c = 0;
            if (!scalar)
            {
                var v00 = new Vector<float>(w00);
                var v01 = new Vector<float>(w01);
                var v10 = new Vector<float>(w10);
                var v11 = new Vector<float>(w11);
                ref var t0 = ref MemoryMarshal.GetReference(top);
                ref var b0 = ref MemoryMarshal.GetReference(bottom);
                for (; c + Vector<float>.Count <= size; c += Vector<float>.Count)
                {
                    var value = v00 * Vector.LoadUnsafe(ref t0, (nuint)c)
                        + v01 * Vector.LoadUnsafe(ref t0, (nuint)(c + 1))
                        + v10 * Vector.LoadUnsafe(ref b0, (nuint)c)
                        + v11 * Vector.LoadUnsafe(ref b0, (nuint)(c + 1));
                    value.CopyTo(row[c..]);
                }
            }

            for (; c < size; c++)
            {
                row[c] = w00 * top[c] + w01 * top[c + 1] + w10 * bottom[c] + w11 * bottom[c + 1];
            }
        }
    }

    public static float Sum(ReadOnlySpan<float> values, bool scalar)
    {
        if (!scalar)
        {
            return TensorPrimitives.Sum(values);
        }

        var sum = 0f;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, bool scalar)
    {
        if (!scalar)
        {
            return TensorPrimitives.Dot(a, b);
        }

        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Mean-normalised sum of squared differences between a warped patch and its template.</summary>
    public static float NormalisedSsd(ReadOnlySpan<float> warped, ReadOnlySpan<float> template, Span<float> scratch, bool scalar)
    {
        if (!scalar)
        {
            TensorPrimitives.Subtract(warped, template, scratch);
            var sum = TensorPrimitives.Sum(scratch);
            return TensorPrimitives.SumOfSquares(scratch) - sum * sum / warped.Length;
        }

        float s = 0, s2 = 0;
        for (var i = 0; i < warped.Length; i++)
        {
            var d = warped[i] - template[i];
            s += d;
            s2 += d * d;
        }

        return s2 - s * s / warped.Length;
    }

    /// <summary>
    /// Adds one patch's vector to the dense accumulators, each pixel weighted by how well the patch explains it
    /// (1 / max(1, |residual|), the DIS densification), so a patch straddling a motion edge votes only where it fits.
    /// </summary>
    public static void Densify(
        ReadOnlySpan<float> warped, ReadOnlySpan<float> template, float meanOffset, int size,
        Span<float> accU, Span<float> accV, Span<float> accW, int offset, int stride, float u, float v, bool scalar)
    {
        for (var r = 0; r < size; r++)
        {
            var wRow = warped.Slice(r * size, size);
            var tRow = template.Slice(r * size, size);
            var at = offset + r * stride;
            var rowU = accU.Slice(at, size);
            var rowV = accV.Slice(at, size);
            var rowW = accW.Slice(at, size);
            var c = 0;
            if (!scalar)
            {
                var one = Vector<float>.One;
                var vu = new Vector<float>(u);
                var vv = new Vector<float>(v);
                var vm = new Vector<float>(meanOffset);
                for (; c + Vector<float>.Count <= size; c += Vector<float>.Count)
                {
                    var residual = Vector.Abs(new Vector<float>(wRow[c..]) - new Vector<float>(tRow[c..]) - vm);
                    var weight = one / Vector.Max(one, residual);
                    (new Vector<float>(rowW[c..]) + weight).CopyTo(rowW[c..]);
                    (new Vector<float>(rowU[c..]) + weight * vu).CopyTo(rowU[c..]);
                    (new Vector<float>(rowV[c..]) + weight * vv).CopyTo(rowV[c..]);
                }
            }

            for (; c < size; c++)
            {
                var weight = 1 / Math.Max(1, Math.Abs(wRow[c] - tRow[c] - meanOffset));
                rowW[c] += weight;
                rowU[c] += weight * u;
                rowV[c] += weight * v;
            }
        }
    }
}
