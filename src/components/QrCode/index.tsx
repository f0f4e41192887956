/// <reference path="./qrcode-core.d.ts" />
/**
 * A QR code of `value`, drawn on a Taro `Canvas type="2d"` (weapp and H5). The canvas takes
 * its size from CSS (give it a square class); the code is redrawn in place when `value`
 * changes, so a renewed token replaces the old one without a blank frame.
 */
import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Canvas } from '@tarojs/components'
import { create } from 'qrcode/lib/core/qrcode'
import './index.css'

export interface QrCodeProps {
  value: string
  /** a page-unique id: the canvas is found by it */
  canvasId: string
  className?: string
  /** the white margin round the code, in modules: scanners want 4 of white round it, counting what surrounds the canvas */
  quietZone?: number
}

interface CanvasNode {
  width: number
  height: number
  getContext: (type: '2d') => CanvasRenderingContext2D
}

function pixelRatio(): number {
  if (process.env.TARO_ENV === 'h5') return window.devicePixelRatio || 1
  // getWindowInfo needs base library 2.20.1; older ones only have the system info.
  return (Taro.getWindowInfo?.() ?? Taro.getSystemInfoSync()).pixelRatio || 2
}

/** The canvas node and its CSS size. On H5 `fields({ size })` gives no size, so the rectangle is asked for too. */
function findCanvas(id: string): Promise<{ node: CanvasNode; width: number } | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`).fields({ node: true, size: true })
      .select(`#${id}`).boundingClientRect()
      .exec((res: Array<{ node?: CanvasNode; width?: number } | null>) => {
        const node = res?.[0]?.node
        const width = res?.[0]?.width || res?.[1]?.width || 0
        resolve(node && width ? { node, width } : null)
      })
  })
}

/** Draws whole device pixels per module, centred: blurred module edges scan badly. */
function draw(node: CanvasNode, cssWidth: number, value: string, quietZone: number): void {
  const { modules } = create(value, { errorCorrectionLevel: 'M' })
  const device = Math.round(cssWidth * pixelRatio())
  node.width = device
  node.height = device
  const ctx = node.getContext('2d')
  // White first: a transparent background reads as black to many scanners.
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, device, device)
  const count = modules.size
  const cell = Math.floor(device / (count + 2 * quietZone))
  const offset = Math.floor((device - cell * count) / 2)
  ctx.fillStyle = '#000000'
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (modules.get(row, col)) ctx.fillRect(offset + col * cell, offset + row * cell, cell, cell)
    }
  }
}

export default function QrCode({ value, canvasId, className = '', quietZone = 4 }: QrCodeProps) {
  useEffect(() => {
    let cancelled = false
    const paint = async (attempt: number): Promise<void> => {
      const found = await findCanvas(canvasId)
      if (cancelled) return
      // The node can be missing for a moment right after mounting on weapp.
      if (!found) {
        if (attempt < 5) setTimeout(() => void paint(attempt + 1), 50 * (attempt + 1))
        return
      }
      draw(found.node, found.width, value, quietZone)
    }
    Taro.nextTick(() => void paint(0))
    return () => { cancelled = true }
  }, [value, canvasId, quietZone])

  return <Canvas type='2d' id={canvasId} className={`qr-code ${className}`} />
}
