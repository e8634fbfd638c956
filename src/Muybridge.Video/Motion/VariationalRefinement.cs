namespace Muybridge.Video.Motion;

/// <summary>
/// Refines a flow field by minimising a robust (Charbonnier) brightness-constancy term plus a robust smoothness term,
/// linearised around the current field and solved with successive over-relaxation, as in the refinement step of DIS
/// (after Brox et al. 2004, brightness term only). It turns the patch mosaic into a field that follows edges.
/// </summary>
internal sealed class VariationalRefinement
{
    private const float Epsilon = 1e-3f;
    private const float Omega = 1.6f;
    private readonly FloatPlane _warped = new();
    private readonly FloatPlane _ix = new();
    private readonly FloatPlane _iy = new();
    private readonly FloatPlane _it = new();
    private readonly FloatPlane _du = new();
    private readonly FloatPlane _dv = new();
    private readonly FloatPlane _dataWeight = new();
    private readonly FloatPlane _smoothRight = new();
    private readonly FloatPlane _smoothDown = new();

    public float Smoothness { get; init; } = 20f;

    public int FixedPointIterations { get; init; } = 3;

    public int SorIterations { get; init; } = 4;

    public void Refine(FloatPlane first, FloatPlane second, FlowField flow)
    {
        int width = first.Width, height = first.Height, n = width * height;
        foreach (var plane in new[] { _warped, _ix, _iy, _it, _du, _dv, _dataWeight, _smoothRight, _smoothDown })
        {
            plane.Resize(width, height);
        }

        var u = flow.U;
        var v = flow.V;
        var i0 = first.Data;
        var warped = _warped.Data;
        double meanDiff = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var k = y * width + x;
                warped[k] = second.Sample(x + u[k], y + v[k]);
                meanDiff += warped[k] - i0[k];
            }
        }

        // The cameras' exposures differ: compare after removing the mean difference, intensities scaled to 0…1.
        var offset = (float)(meanDiff / n);
        var ix = _ix.Data;
        var iy = _iy.Data;
        var it = _it.Data;
        const float scale = 1f / 255f;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var k = y * width + x;
                int xl = Math.Max(x - 1, 0), xr = Math.Min(x + 1, width - 1), yu = Math.Max(y - 1, 0), yd = Math.Min(y + 1, height - 1);
                // Average of both images' gradients: the symmetric linearisation converges better on large motion.
                ix[k] = 0.5f * scale * ((warped[y * width + xr] - warped[y * width + xl]) / Math.Max(xr - xl, 1) + (i0[y * width + xr] - i0[y * width + xl]) / Math.Max(xr - xl, 1));
                iy[k] = 0.5f * scale * ((warped[yd * width + x] - warped[yu * width + x]) / Math.Max(yd - yu, 1) + (i0[yd * width + x] - i0[yu * width + x]) / Math.Max(yd - yu, 1));
                it[k] = scale * (warped[k] - i0[k] - offset);
            }
        }

        var du = _du.Data;
        var dv = _dv.Data;
        Array.Clear(du, 0, n);
        Array.Clear(dv, 0, n);
        var wd = _dataWeight.Data;
        var wr = _smoothRight.Data;
        var wdn = _smoothDown.Data;
        var alpha = Smoothness * scale * scale * 255f;
        for (var outer = 0; outer < FixedPointIterations; outer++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var k = y * width + x;
                    var r = it[k] + ix[k] * du[k] + iy[k] * dv[k];
                    wd[k] = 1 / MathF.Sqrt(r * r + Epsilon * Epsilon);
                    var uk = u[k] + du[k];
                    var vk = v[k] + dv[k];
                    if (x + 1 < width)
                    {
                        var gu = u[k + 1] + du[k + 1] - uk;
                        var gv = v[k + 1] + dv[k + 1] - vk;
                        wr[k] = alpha / MathF.Sqrt(gu * gu + gv * gv + Epsilon);
                    }
                    else
                    {
                        wr[k] = 0;
                    }

                    if (y + 1 < height)
                    {
                        var gu = u[k + width] + du[k + width] - uk;
                        var gv = v[k + width] + dv[k + width] - vk;
                        wdn[k] = alpha / MathF.Sqrt(gu * gu + gv * gv + Epsilon);
                    }
                    else
                    {
                        wdn[k] = 0;
                    }
                }
            }

            for (var sweep = 0; sweep < SorIterations; sweep++)
            {
                for (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        var k = y * width + x;
                        float sumW = 0, sumU = 0, sumV = 0;
                        if (x > 0)
                        {
                            var w = wr[k - 1];
                            sumW += w;
                            sumU += w * (u[k - 1] + du[k - 1] - u[k]);
                            sumV += w * (v[k - 1] + dv[k - 1] - v[k]);
                        }

                        if (x + 1 < width)
                        {
                            var w = wr[k];
                            sumW += w;
                            sumU += w * (u[k + 1] + du[k + 1] - u[k]);
                            sumV += w * (v[k + 1] + dv[k + 1] - v[k]);
                        }

                        if (y > 0)
                        {
                            var w = wdn[k - width];
                            sumW += w;
                            sumU += w * (u[k - width] + du[k - width] - u[k]);
                            sumV += w * (v[k - width] + dv[k - width] - v[k]);
                        }

                        if (y + 1 < height)
                        {
                            var w = wdn[k];
                            sumW += w;
                            sumU += w * (u[k + width] + du[k + width] - u[k]);
                            sumV += w * (v[k + width] + dv[k + width] - v[k]);
                        }

                        var d = wd[k];
                        var a11 = d * ix[k] * ix[k] + sumW;
                        var a12 = d * ix[k] * iy[k];
                        var a22 = d * iy[k] * iy[k] + sumW;
                        var b1 = -d * ix[k] * it[k] + sumU;
                        var b2 = -d * iy[k] * it[k] + sumV;
                        if (a11 <= 0 || a22 <= 0)
                        {
                            continue;
                        }

                        var nu = (b1 - a12 * dv[k]) / a11;
                        du[k] += Omega * (nu - du[k]);
                        var nv = (b2 - a12 * du[k]) / a22;
                        dv[k] += Omega * (nv - dv[k]);
                    }
                }
            }
        }

        for (var k = 0; k < n; k++)
        {
            u[k] += du[k];
            v[k] += dv[k];
        }
    }
}
