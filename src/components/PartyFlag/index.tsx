/** The Party flag (党旗) as an image, 3:2; size it with a class (width and height). */
import { Image } from '@tarojs/components'
import { PARTY_FLAG_URI } from './flag'
import './index.css'

export default function PartyFlag({ className = '' }: { className?: string }) {
  return <Image className={`party-flag ${className}`} src={PARTY_FLAG_URI} mode='aspectFit' ariaLabel='党旗' />
}
