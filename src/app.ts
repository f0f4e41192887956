import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from './services/cloud'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
  })

  // children is the page being rendered
  return children
}

export default App
