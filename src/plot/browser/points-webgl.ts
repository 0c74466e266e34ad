/// <reference lib="dom" />
/**
 * Points with WebGL2: positions and colours are uploaded once; a selection change uploads one byte
 * per row and draws again. Selected points are drawn in front through the depth buffer.
 */
import { DEFAULT_POINT, SELECTED_POINT, UNSELECTED_POINT, type Rgb } from '../colour.js';
import type { PreparedPoints } from '../prepare.js';
import type { PointLayer } from './layer.js';

const VERTEX = `#version 300 es
in vec2 a_pos;
in vec3 a_colour;
in float a_selected;
uniform vec2 u_size;
uniform float u_pointSize;
uniform float u_anySelected;
uniform vec3 u_selectedColour;
uniform vec3 u_otherColour;
out vec4 v_colour;
void main() {
  vec2 clip = vec2(a_pos.x / u_size.x * 2.0 - 1.0, 1.0 - a_pos.y / u_size.y * 2.0);
  bool selected = a_selected > 0.5;
  gl_Position = vec4(clip, selected ? -0.5 : 0.5, 1.0);
  gl_PointSize = u_pointSize;
  vec3 c = u_anySelected > 0.5 ? (selected ? u_selectedColour : u_otherColour) : a_colour;
  v_colour = vec4(c, u_anySelected > 0.5 && !selected ? 0.5 : 0.8);
}`;

const FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_colour;
out vec4 outColour;
void main() { outColour = v_colour; }`;

const unit = (c: Rgb): [number, number, number] => [c[0] / 255, c[1] / 255, c[2] / 255];

/** The WebGL2 layer, or undefined where the browser gives no WebGL2 context. */
export function createWebGLLayer(canvas: HTMLCanvasElement, plot: PreparedPoints, dpr: number): PointLayer | undefined {
  const gl = canvas.getContext('webgl2', { antialias: false, premultipliedAlpha: false, preserveDrawingBuffer: true });
  if (!gl) return undefined;
  const program = link(gl);
  const n = plot.rowCount;
  const positions = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const ok = plot.px[i] === plot.px[i];
    // Rows without a position go far outside the viewport (NaN has no defined meaning on a GPU).
    positions[2 * i] = ok ? plot.px[i]! : -1e6;
    positions[2 * i + 1] = ok ? plot.py[i]! : -1e6;
  }
  const colours = (plot.colours ?? fill(n, DEFAULT_POINT)) as Uint8Array<ArrayBuffer>;
  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  const buffers = [
    attribute(gl, program, 'a_pos', positions, 2, gl.FLOAT, false),
    attribute(gl, program, 'a_colour', colours, 3, gl.UNSIGNED_BYTE, true),
  ];
  const selected = attribute(gl, program, 'a_selected', new Uint8Array(n), 1, gl.UNSIGNED_BYTE, false, gl.DYNAMIC_DRAW);
  buffers.push(selected);
  gl.useProgram(program);
  gl.uniform2f(gl.getUniformLocation(program, 'u_size'), plot.width, plot.height);
  gl.uniform1f(gl.getUniformLocation(program, 'u_pointSize'), Math.max(1, plot.pointSize * dpr));
  gl.uniform3fv(gl.getUniformLocation(program, 'u_selectedColour'), unit(SELECTED_POINT));
  gl.uniform3fv(gl.getUniformLocation(program, 'u_otherColour'), unit(UNSELECTED_POINT));
  const anySelected = gl.getUniformLocation(program, 'u_anySelected');
  gl.enable(gl.DEPTH_TEST);
  gl.depthFunc(gl.LEQUAL);
  gl.enable(gl.BLEND);
  gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
  gl.viewport(0, 0, canvas.width, canvas.height);
  return {
    name: 'webgl2',
    draw(selection) {
      gl.bindBuffer(gl.ARRAY_BUFFER, selected);
      gl.bufferSubData(gl.ARRAY_BUFFER, 0, (selection ?? new Uint8Array(n)) as Uint8Array<ArrayBuffer>);
      gl.uniform1f(anySelected, selection ? 1 : 0);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
      gl.drawArrays(gl.POINTS, 0, n);
    },
    destroy() {
      for (const b of buffers) gl.deleteBuffer(b);
      gl.deleteVertexArray(vao);
      gl.deleteProgram(program);
    },
  };
}

function fill(n: number, c: Rgb): Uint8Array {
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) out.set(c, i * 3);
  return out;
}

function attribute(
  gl: WebGL2RenderingContext,
  program: WebGLProgram,
  name: string,
  data: BufferSource,
  size: number,
  type: number,
  normalised: boolean,
  usage: number = gl.STATIC_DRAW,
): WebGLBuffer {
  const buffer = gl.createBuffer()!;
  gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
  gl.bufferData(gl.ARRAY_BUFFER, data, usage);
  const loc = gl.getAttribLocation(program, name);
  gl.enableVertexAttribArray(loc);
  gl.vertexAttribPointer(loc, size, type, normalised, 0, 0);
  return buffer;
}

function link(gl: WebGL2RenderingContext): WebGLProgram {
  const compile = (type: number, source: string): WebGLShader => {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`plot shader: ${gl.getShaderInfoLog(shader)}`);
    return shader;
  };
  const program = gl.createProgram()!;
  gl.attachShader(program, compile(gl.VERTEX_SHADER, VERTEX));
  gl.attachShader(program, compile(gl.FRAGMENT_SHADER, FRAGMENT));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`plot shader program: ${gl.getProgramInfoLog(program)}`);
  return program;
}
