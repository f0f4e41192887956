import { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { initCloud } from './services/cloud'
import { startWriteQueue, writeQueue } from './services/writeQueue'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
    // Writes queued on the device go out at launch, when the network returns, and on show.
    startWriteQueue()
  })
  useDidShow(() => {
    void writeQueue().flush()
  })

  // children is the page being rendered
  return children
}

export default App
